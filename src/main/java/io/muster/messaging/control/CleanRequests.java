package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.config.UserRole;
import io.muster.job.JobRecord;
import io.muster.messaging.Answers;
import io.muster.messaging.Rights;
import io.muster.messaging.Sender;
import io.muster.messaging.Submissions;
import io.muster.queue.CleanOutcome;
import io.muster.queue.JobControl;
import io.muster.queue.QueueView;
import io.muster.queue.StateFilter;
import io.muster.store.JobFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code clean}: the jobs named, or the finished jobs a filter matches. A sender who is no admin
 * cleans by filter only her own jobs: a filter without {@code user} is narrowed to her login
 * (her "every finished job"), one naming somebody else is refused.
 */
final class CleanRequests implements ControlAction {

    private final KnownJobs jobs;
    private final JobControl control;
    private final QueueView view;

    CleanRequests(KnownJobs jobs, JobControl control, QueueView view) {
        this.jobs = jobs;
        this.control = control;
        this.view = view;
    }

    @Override
    public ObjectNode answer(JsonNode request, Sender sender) {
        boolean outputs = request.path("outputs").asBoolean(false);
        List<String> ids;
        if (request.has("jobIds")) {
            ids = ControlJson.requiredIds(request);
        } else if (request.has("filter")) {
            JobFilter which = ControlJson.filter(ControlJson.filterOf(request));
            if (!sender.has(UserRole.ADMIN)) {
                Optional<String> refusal = Rights.refusal(sender, "clean jobs", UserRole.SUBMIT);
                if (refusal.isPresent()) {
                    return Answers.error(ErrorCode.FORBIDDEN, refusal.get());
                }
                if (which.user() != null && !which.user().equals(sender.login())) {
                    return Answers.error(ErrorCode.FORBIDDEN,
                            sender.who() + " may not clean the jobs of " + which.user() + " (needs admin)");
                }
                which = which.withUser(sender.login());
            }
            ids = view.list(StateFilter.DONE, which).stream().map(j -> j.id().value()).toList();
        } else {
            throw new IllegalArgumentException("clean needs 'jobIds' or a 'filter' (finished jobs only)");
        }
        ArrayNode results = Submissions.JSON.createArrayNode();
        for (String id : ids) {
            JobRecord job = jobs.find(id);
            Optional<String> refusal = job == null ? Optional.empty()
                    : Rights.refusalOnJob(sender, "clean", id, job.user());
            CleanOutcome o = refusal.isPresent() ? new CleanOutcome(id, List.of(), refusal.get())
                    : control.clean(id, outputs);
            ObjectNode r = results.addObject().put("jobId", o.jobId()).put("skipped", o.skipped());
            if (o.unknownJob()) {
                r.put("code", ErrorCode.UNKNOWN_JOB.name());
            }
            r.set("deleted", ControlJson.strings(o.deleted().stream().map(Path::toString).toList()));
        }
        ObjectNode answer = Answers.ok();
        answer.set("results", results);
        return answer;
    }
}
