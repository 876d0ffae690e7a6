package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.job.JobRecord;
import io.muster.messaging.Answers;
import io.muster.messaging.Rights;
import io.muster.messaging.Sender;
import io.muster.messaging.Submissions;
import io.muster.queue.CancelOutcome;
import io.muster.queue.JobControl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code cancel}: the jobs the sender may cancel are cancelled; the others get a FAILED result saying why. */
final class CancelRequests implements ControlAction {

    private final KnownJobs jobs;
    private final JobControl control;

    CancelRequests(KnownJobs jobs, JobControl control) {
        this.jobs = jobs;
        this.control = control;
    }

    @Override
    public ObjectNode answer(JsonNode request, Sender sender) {
        List<String> ids = ControlJson.requiredIds(request);
        Map<String, CancelOutcome> refused = new HashMap<>();
        List<String> allowed = new ArrayList<>();
        for (String id : ids) {
            JobRecord job = jobs.find(id);
            // an unknown id goes on to JobControl, which answers NOT_FOUND
            Optional<String> refusal = job == null ? Optional.empty()
                    : Rights.refusalOnJob(sender, "cancel", id, job.user());
            if (refusal.isPresent()) {
                refused.put(id, new CancelOutcome(id, CancelOutcome.Result.FAILED, job.state(), refusal.get()));
            } else {
                allowed.add(id);
            }
        }
        Map<String, CancelOutcome> outcomes = new LinkedHashMap<>();
        ids.forEach(id -> outcomes.put(id, refused.get(id)));
        if (!allowed.isEmpty()) {
            control.cancel(allowed).forEach(o -> outcomes.put(o.jobId(), o));
        }
        ArrayNode results = Submissions.JSON.createArrayNode();
        for (CancelOutcome o : outcomes.values()) {
            results.addObject().put("jobId", o.jobId()).put("result", o.result().name())
                    .put("state", o.state() == null ? null : o.state().name()).put("message", o.message());
        }
        ObjectNode answer = Answers.ok();
        answer.set("results", results);
        return answer;
    }
}
