package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.api.ReplyStatus;
import io.muster.job.JobRecord;
import io.muster.messaging.Answers;
import io.muster.messaging.Rights;
import io.muster.messaging.Sender;
import io.muster.messaging.Submissions;
import io.muster.tracking.JobLifecycle;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code resubmit}: a new job with the same command, options, backend and profile as an old one,
 * read and checked as a submission on {@code muster.submit} would be, stored, linked to the old
 * job and dispatched. Only the old job's owner (or an admin) may.
 */
final class Resubmissions implements ControlAction {

    private final KnownJobs jobs;
    private final Submissions submissions;
    private final JobLifecycle lifecycle;
    private final Consumer<JobRecord> starter;

    Resubmissions(KnownJobs jobs, Submissions submissions, JobLifecycle lifecycle, Consumer<JobRecord> starter) {
        this.jobs = jobs;
        this.submissions = submissions;
        this.lifecycle = lifecycle;
        this.starter = starter;
    }

    @Override
    public ObjectNode answer(JsonNode request, Sender sender) {
        String id = ControlJson.requiredId(request);
        JobRecord old = jobs.find(id);
        if (old == null) {
            return KnownJobs.unknown(id);
        }
        Optional<String> refusal = Rights.refusalOnJob(sender, "resubmit", id, old.user());
        if (refusal.isPresent()) {
            return Answers.error(ErrorCode.FORBIDDEN, refusal.get());
        }
        Submissions.Outcome outcome = submissions.read(submissionOf(old, request.hasNonNull("requestId") ? request.get("requestId").asText() : null).toString());
        if (!outcome.accepted()) {
            return Answers.rejected(outcome.violations());
        }
        JobRecord stored = lifecycle.accept(outcome.job());
        Optional<io.muster.api.Violation> taken = Submissions.keyTaken(outcome.job(), stored);
        if (taken.isPresent()) {
            return Answers.rejected(java.util.List.of(taken.get()));
        }
        if (stored.id().equals(outcome.job().id())) {
            // a new job, not the one an earlier delivery of this request made
            lifecycle.store().linkResubmission(stored.id(), old.id());
            starter.accept(stored);
        }
        return Answers.status(ReplyStatus.ACCEPTED)
                .put("jobId", stored.id().value()).put("requestId", stored.requestId())
                .put("resubmittedFrom", old.id().value()).put("state", stored.state().name());
    }

    /** The submission that runs {@code old} again, as a client would have sent it; requestId may be null. */
    static ObjectNode submissionOf(JobRecord old, String requestId) {
        ObjectNode submission = Submissions.JSON.createObjectNode();
        if (requestId != null) {
            submission.put("requestId", requestId);
        }
        submission.put("name", old.name());
        submission.put("command", old.command());
        submission.put("backend", old.backend());
        if (old.profile() != null) {
            submission.put("profile", old.profile());
        }
        if (old.user() != null) {
            submission.put("user", old.user());
        }
        ObjectNode options = Submissions.JSON.valueToTree(old.options());
        options.remove("name");
        submission.set("options", options);
        return submission;
    }
}
