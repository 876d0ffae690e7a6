package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.config.UserRole;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.messaging.Answers;
import io.muster.messaging.Rights;
import io.muster.messaging.Sender;
import io.muster.messaging.Submissions;
import io.muster.options.JobOptions;
import io.muster.scheduler.JobScript;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.Schedulers;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code render}, a dry run: the submission is read and checked as if sent to
 * {@code muster.submit}, its job script and its backend's wrapper are written to the job
 * directory it would have, and both are answered; nothing is stored, submitted or published. It
 * writes files, so it needs {@code submit}, and the job's user is the sender's login as on
 * {@code muster.submit}.
 */
final class DryRuns implements ControlAction {

    /** What a dry run wrote: the job's files, its script and wrapper, and the command that would submit it. */
    record Rendered(JobFiles files, String script, String wrapper, List<String> submitCommand) {
    }

    private final Submissions submissions;
    private final Schedulers schedulers;

    DryRuns(Submissions submissions, Schedulers schedulers) {
        this.submissions = submissions;
        this.schedulers = schedulers;
    }

    @Override
    public ObjectNode answer(JsonNode request, Sender sender) {
        Optional<String> refusal = Rights.refusal(sender, "render a dry run", UserRole.SUBMIT);
        if (refusal.isPresent()) {
            return Answers.error(ErrorCode.FORBIDDEN, refusal.get());
        }
        JsonNode body = request.get("submission");
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("render needs a 'submission' object, as sent to muster.submit");
        }
        Submissions.Outcome outcome = submissions.read(body.toString(), sender.login());
        if (!outcome.accepted()) {
            return Answers.rejected(outcome.violations());
        }
        JobRecord job = outcome.job();
        String backend = schedulers.resolve(job.backend());
        Scheduler scheduler = schedulers.find(backend).orElse(null);
        if (scheduler == null) {
            return Answers.backendNotRunning(backend, schedulers.names());
        }
        Rendered rendered;
        try {
            rendered = render(job, scheduler);
        } catch (IOException e) {
            return Answers.error(ErrorCode.SERVER_ERROR, "cannot write the scripts of the dry run to "
                    + JobFiles.of(job).dir() + ": " + e);
        }
        JobFiles files = rendered.files();
        ObjectNode answer = Answers.ok().put("jobId", job.id().value()).put("backend", backend)
                .put("dir", files.dir().toString());
        answer.putObject("script").put("path", files.script().toString()).put("text", rendered.script());
        answer.putObject("wrapper").put("path", files.wrapper().toString()).put("text", rendered.wrapper());
        ArrayNode submit = answer.putArray("submitCommand");
        rendered.submitCommand().forEach(submit::add);
        return answer;
    }

    /** Writes the job's script and its backend's wrapper to the job's directory, as the submit step would. */
    static Rendered render(JobRecord job, Scheduler scheduler) throws IOException {
        JobFiles files = JobFiles.of(job);
        JobOptions options = JobOptions.fromNormalised(job.options());
        // as the submit step will: afterany: entries wait for any ending, the others for success
        boolean afterAny = !options.depends().isEmpty()
                && options.depends().stream().allMatch(d -> d.toLowerCase(Locale.ROOT).startsWith("afterany:"));
        List<String> dependencies = options.depends().stream().map(d -> d.replaceFirst("(?i)^after(ok|any):", "")).toList();
        JobSubmission submission = new JobSubmission(job.id(), job.name(), options, files, dependencies, afterAny);
        String script = JobScript.render(job.command(), job.options());
        String wrapper = scheduler.renderWrapper(submission);
        Files.createDirectories(files.dir());
        Files.writeString(files.script(), script);
        Files.writeString(files.wrapper(), wrapper);
        return new Rendered(files, script, wrapper, scheduler.submitCommand(submission));
    }
}
