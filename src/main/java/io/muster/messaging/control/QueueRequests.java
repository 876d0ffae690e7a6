package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import io.muster.job.Placement;
import io.muster.messaging.Answers;
import io.muster.messaging.Sender;
import io.muster.messaging.Submissions;
import io.muster.queue.QueueView;
import io.muster.queue.StateFilter;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerException;
import io.muster.scheduler.SchedulerJob;
import io.muster.scheduler.Schedulers;
import io.muster.store.JobFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code queue} and {@code count}: Muster's jobs through a filter, or a cluster scheduler's whole queue. */
final class QueueRequests {

    private static final Pattern TORQUE_TASK = Pattern.compile("\\[\\d+\\]");

    private final QueueView view;
    private final Schedulers schedulers;

    QueueRequests(QueueView view, Schedulers schedulers) {
        this.view = view;
        this.schedulers = schedulers;
    }

    ObjectNode queue(JsonNode request, Sender sender) {
        if (request.hasNonNull("scheduler")) {
            return schedulerQueue(request.path("scheduler").asText());
        }
        JsonNode f = ControlJson.filterOf(request);
        ArrayNode jobs = Submissions.JSON.createArrayNode();
        view.list(ControlJson.view(f), ControlJson.filter(f)).forEach(job -> jobs.add(ControlJson.summary(job)));
        ObjectNode answer = Answers.ok();
        answer.set("jobs", jobs);
        return answer;
    }

    ObjectNode count(JsonNode request, Sender sender) {
        JsonNode f = ControlJson.filterOf(request);
        Map<JobState, Integer> counts = view.counts(ControlJson.view(f), ControlJson.filter(f));
        ObjectNode byState = Submissions.JSON.createObjectNode();
        counts.forEach((state, n) -> byState.put(state.name(), n));
        ObjectNode answer = Answers.ok().put("total", counts.values().stream().mapToInt(Integer::intValue).sum());
        answer.set("byState", byState);
        return answer;
    }

    /**
     * The user's whole queue on a cluster scheduler, jobs not from Muster included, from ONE
     * status call (squeue, qstat): {@code jobs} with {@code schedulerId, jobId} (Muster's, when the
     * scheduler shows its tag), {@code name, user, partition, state, nodes, nodeCount, cpus, reason,
     * started}.
     */
    private ObjectNode schedulerQueue(String backend) {
        Scheduler scheduler = schedulers.find(backend).orElse(null);
        if (scheduler == null) {
            return Answers.backendNotRunning(backend, schedulers.names());
        }
        Optional<List<SchedulerJob>> jobs;
        try {
            jobs = scheduler.queue();
        } catch (SchedulerException e) {
            return Answers.error(ErrorCode.BACKEND_UNAVAILABLE, backend + " did not answer: " + e.getMessage());
        }
        if (jobs.isEmpty()) {
            return Answers.error(ErrorCode.BACKEND_UNAVAILABLE, "backend '" + backend
                    + "' has no queue of its own: its jobs are Muster's (muster queue -b " + backend + ")");
        }
        ObjectNode answer = Answers.ok().put("backend", backend);
        ArrayNode rows = answer.putArray("jobs");
        // Slurm tags every job of Muster's: the store is read only when some job carries no tag
        Map<String, String> ours = jobs.get().stream().allMatch(j -> j.musterId() != null) ? Map.of() : ours(backend);
        jobs.get().forEach(j -> row(rows.addObject(), j, musterId(j, ours)));
        return answer;
    }

    /**
     * Muster's jobs on the backend that are still going, by scheduler id: Torque and Grid Engine
     * show no tag Muster could read its id from, as Slurm's comment does.
     */
    private Map<String, String> ours(String backend) {
        Map<String, String> bySchedulerId = new HashMap<>();
        for (JobRecord job : view.list(StateFilter.ACTIVE, JobFilter.all().withBackend(backend))) {
            if (job.schedulerId() != null) {
                bySchedulerId.put(job.schedulerId(), job.id().value());
            }
        }
        return bySchedulerId;
    }

    /** The scheduler's tag, else the store's match; a Torque array's task (123[4].host) is its job's (123[].host). */
    static String musterId(SchedulerJob j, Map<String, String> ours) {
        if (j.musterId() != null) {
            return j.musterId();
        }
        String id = ours.get(j.schedulerId());
        return id != null ? id : ours.get(TORQUE_TASK.matcher(j.schedulerId()).replaceFirst("[]"));
    }

    private static void row(ObjectNode row, SchedulerJob j, String musterId) {
        Placement where = j.status().placement();
        row.put("schedulerId", j.schedulerId()).put("jobId", musterId)
                .put("name", j.name()).put("user", j.user())
                .put("partition", where == null ? null : where.partition())
                .put("state", j.status().state().name())
                .put("nodes", where == null ? null : where.nodes());
        ControlJson.putNumber(row, "nodeCount", where == null ? null : where.nodeCount());
        ControlJson.putNumber(row, "cpus", where == null ? null : where.cpus());
        row.put("reason", j.status().reason()).put("started", ControlJson.time(j.status().started()));
    }
}
