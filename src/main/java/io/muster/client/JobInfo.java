package io.muster.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the server knows of one job. Queue listings fill every field but {@code history},
 * {@code resubmittedFrom} and {@code resubmissions}; {@link Muster#info(String)} fills all.
 *
 * @param partition  the partition (queue) the job asked for, else the one its scheduler chose, or null
 * @param reason     why it is in its state: a pending job's reason (Resources, Priority, Dependency), what ended it
 * @param options    the resolved options, canonical names, normalised values (mem in MB, time as HH:MM:SS)
 * @param exitCode   known once the job has ended, if it ran
 * @param workDir    the job's directory on the server: job.sh, wrapper.sh, stdout, stderr, exitcode
 * @param history    the states it went through, oldest first
 * @param resubmittedFrom the job this one re-runs, or null
 * @param resubmissions the jobs that re-ran this one
 * @param nodes      the node list where it runs or ran, as its scheduler writes it; null while unknown
 * @param nodeCount  how many nodes; null while unknown
 * @param cpus       how many CPUs it holds (or asks for, while pending); null while unknown
 * @param tasks      an array job's tasks in index order ({@link Muster#info(String)} only); empty for other jobs
 */
public record JobInfo(String jobId, String requestId, String name, String user, String command, String backend,
                      String partition, String profile, JobState state, String schedulerId, Integer exitCode,
                      String reason, Instant submitted, Instant started, Instant ended, String workDir,
                      String stdout, String stderr, Map<String, Object> options, List<Change> history,
                      String resubmittedFrom, List<String> resubmissions, String nodes, Integer nodeCount,
                      Integer cpus, List<Task> tasks) {

    /** One task of an array job: its index, state and exit code (null until it ended by itself). */
    public record Task(int index, JobState state, Integer exitCode, String stdout) {
    }

    /** A job with its placement and no array tasks. */
    public JobInfo(String jobId, String requestId, String name, String user, String command, String backend,
                   String partition, String profile, JobState state, String schedulerId, Integer exitCode,
                   String reason, Instant submitted, Instant started, Instant ended, String workDir,
                   String stdout, String stderr, Map<String, Object> options, List<Change> history,
                   String resubmittedFrom, List<String> resubmissions, String nodes, Integer nodeCount, Integer cpus) {
        this(jobId, requestId, name, user, command, backend, partition, profile, state, schedulerId, exitCode, reason,
                submitted, started, ended, workDir, stdout, stderr, options, history, resubmittedFrom, resubmissions,
                nodes, nodeCount, cpus, List.of());
    }

    /** One line of a job's history: the state it entered, when, and why if a reason was given. */
    public record Change(JobState state, Instant at, String reason) {
    }

    /** A job whose placement (nodes, CPUs) is not known. */
    public JobInfo(String jobId, String requestId, String name, String user, String command, String backend,
                   String partition, String profile, JobState state, String schedulerId, Integer exitCode,
                   String reason, Instant submitted, Instant started, Instant ended, String workDir,
                   String stdout, String stderr, Map<String, Object> options, List<Change> history,
                   String resubmittedFrom, List<String> resubmissions) {
        this(jobId, requestId, name, user, command, backend, partition, profile, state, schedulerId, exitCode, reason,
                submitted, started, ended, workDir, stdout, stderr, options, history, resubmittedFrom, resubmissions,
                null, null, null);
    }

    public JobInfo {
        options = options == null ? Map.of() : Map.copyOf(options);
        history = history == null ? List.of() : List.copyOf(history);
        resubmissions = resubmissions == null ? List.of() : List.copyOf(resubmissions);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** How long it ran (to now while it runs), or null before it started. */
    public Duration elapsed() {
        if (started == null) {
            return null;
        }
        return Duration.between(started, ended == null ? Instant.now() : ended);
    }

    static JobInfo parse(JsonNode j) {
        List<Task> tasks = new ArrayList<>();
        j.path("tasks").forEach(t -> tasks.add(new Task(t.path("index").asInt(), Json.state(t, "state"),
                Json.integer(t, "exitCode"), Json.text(t, "stdout"))));
        List<Change> history = new ArrayList<>();
        j.path("history").forEach(h -> history.add(new Change(Json.state(h, "state"), Json.instant(h, "at"),
                Json.text(h, "reason"))));
        return new JobInfo(Json.text(j, "jobId"), Json.text(j, "requestId"), Json.text(j, "name"),
                Json.text(j, "user"), Json.text(j, "command"), Json.text(j, "backend"), Json.text(j, "partition"),
                Json.text(j, "profile"), Json.state(j, "state"), Json.text(j, "schedulerId"),
                Json.integer(j, "exitCode"), Json.text(j, "reason"), Json.instant(j, "submitted"),
                Json.instant(j, "started"), Json.instant(j, "ended"), Json.text(j, "workDir"),
                Json.text(j, "stdout"), Json.text(j, "stderr"), Json.map(j.get("options")), history,
                Json.text(j, "resubmittedFrom"), Json.strings(j.get("resubmissions")), Json.text(j, "nodes"),
                Json.integer(j, "nodeCount"), Json.integer(j, "cpus"), tasks);
    }
}
