package io.muster.job;

import io.muster.api.JobId;
import io.muster.api.JobState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Everything Muster knows about one job, as kept in the job store. Immutable: every change
 * makes a new record, so a record handed to a listener never changes under it.
 *
 * @param options the resolved options, canonical names only (see {@code io.muster.options})
 * @param schedulerId the backend's own id once submitted (a pid for the local pool)
 * @param exitCode known only once the job has ended and its exit-code file (or the scheduler) said so
 * @param user who submitted it, as the submission said (or the broker's authenticated user); may be null
 * @param placement where the backend put it (partition, nodes, CPUs) as its status call showed; null until known
 */
public record JobRecord(
        JobId id,
        String requestId,
        String name,
        String command,
        String backend,
        String profile,
        Map<String, Object> options,
        JobState state,
        String schedulerId,
        Integer exitCode,
        String reason,
        Instant submitted,
        Instant started,
        Instant ended,
        Path workDir,
        String user,
        Placement placement) {

    /** Characters of a reason as stored and published; a longer one (a scheduler's long answer) is cut. */
    public static final int REASON_CHARS = 2000;

    /** The reason is cut to {@link #REASON_CHARS}, so no reason can fail the job store's write of a state. */
    public JobRecord {
        options = options == null ? Map.of() : Map.copyOf(options);
        if (reason != null && reason.length() > REASON_CHARS) {
            reason = reason.substring(0, REASON_CHARS - 1) + "…";
        }
    }

    /** A record whose placement is not known (yet). */
    public JobRecord(JobId id, String requestId, String name, String command, String backend, String profile,
                     Map<String, Object> options, JobState state, String schedulerId, Integer exitCode, String reason,
                     Instant submitted, Instant started, Instant ended, Path workDir, String user) {
        this(id, requestId, name, command, backend, profile, options, state, schedulerId, exitCode, reason,
                submitted, started, ended, workDir, user, null);
    }

    /** A record without a known user. */
    public JobRecord(JobId id, String requestId, String name, String command, String backend, String profile,
                     Map<String, Object> options, JobState state, String schedulerId, Integer exitCode, String reason,
                     Instant submitted, Instant started, Instant ended, Path workDir) {
        this(id, requestId, name, command, backend, profile, options, state, schedulerId, exitCode, reason,
                submitted, started, ended, workDir, null);
    }

    public static JobRecord accepted(JobId id, String requestId, String name, String command, String backend,
                                     String profile, Map<String, Object> options, Path workDir) {
        return accepted(id, requestId, name, command, backend, profile, options, workDir, null);
    }

    public static JobRecord accepted(JobId id, String requestId, String name, String command, String backend,
                                     String profile, Map<String, Object> options, Path workDir, String user) {
        return new JobRecord(id, requestId, name, command, backend, profile, options, JobState.ACCEPTED,
                null, null, null, Instant.now(), null, null, workDir, user);
    }

    /** The partition (queue) the job asked for, else the one its scheduler chose for it, or null. */
    public String partition() {
        Object partition = options.get("partition");
        return partition != null ? partition.toString() : placement == null ? null : placement.partition();
    }

    /** This record with what a status call showed of where the job runs; the same record if that adds nothing. */
    public JobRecord withPlacement(Placement seen) {
        Placement merged = Placement.merge(placement, seen);
        if (java.util.Objects.equals(merged, placement)) {
            return this;
        }
        return new JobRecord(id, requestId, name, command, backend, profile, options, state, schedulerId,
                exitCode, reason, submitted, started, ended, workDir, user, merged);
    }

    /** This record with a new reason and the same state (a pending job's reason changed); the same record if equal. */
    public JobRecord withReason(String why) {
        if (why == null || why.equals(reason)) {
            return this;
        }
        return new JobRecord(id, requestId, name, command, backend, profile, options, state, schedulerId,
                exitCode, why, submitted, started, ended, workDir, user, placement);
    }

    public Path stdoutPath() {
        return JobFiles.of(this).stdout();
    }

    public Path stderrPath() {
        return JobFiles.of(this).stderr();
    }

    public JobRecord withState(JobState next, String why) {
        Instant now = Instant.now();
        Instant start = started == null && next == JobState.RUNNING ? now : started;
        Instant end = ended == null && next.isFinal() ? now : ended;
        return new JobRecord(id, requestId, name, command, backend, profile, options, next, schedulerId,
                exitCodeIn(next, exitCode), reasonFor(next, why), submitted, start, end, workDir, user, placement);
    }

    /**
     * The reason after a move to {@code next}: the new one if given; else the old one, but for a
     * job leaving the queue (QUEUED, HELD), whose waiting reason ("Resources") no longer holds.
     */
    private String reasonFor(JobState next, String why) {
        if (why != null) {
            return why;
        }
        boolean leftTheQueue = (state == JobState.QUEUED || state == JobState.HELD)
                && next != JobState.QUEUED && next != JobState.HELD;
        return leftTheQueue ? null : reason;
    }

    public JobRecord withTimes(Instant startedAt, Instant endedAt) {
        return new JobRecord(id, requestId, name, command, backend, profile, options, state, schedulerId,
                exitCode, reason, submitted, startedAt == null ? started : startedAt,
                endedAt == null ? ended : endedAt, workDir, user, placement);
    }

    /**
     * Whether the job waits to be handed to its backend: ACCEPTED, or REQUEUED to start over
     * (a local job of a dead host's server, {@code requeue: true}) and not handed over again yet.
     */
    public boolean waitsForHandOver() {
        return schedulerId == null && (state == JobState.ACCEPTED || state == JobState.REQUEUED);
    }

    public JobRecord withSchedulerId(String sid) {
        return new JobRecord(id, requestId, name, command, backend, profile, options, state, sid,
                exitCode, reason, submitted, started, ended, workDir, user, placement);
    }

    public JobRecord withBackend(String chosen) {
        return new JobRecord(id, requestId, name, command, chosen, profile, options, state, schedulerId,
                exitCode, reason, submitted, started, ended, workDir, user, placement);
    }

    public JobRecord withExitCode(Integer code) {
        return new JobRecord(id, requestId, name, command, backend, profile, options, state, schedulerId,
                exitCodeIn(state, code), reason, submitted, started, ended, workDir, user, placement);
    }

    /** A job that did not end by itself has no exit code ({@link JobState#hasExitCode()}), on every backend. */
    private static Integer exitCodeIn(JobState state, Integer code) {
        return state.isFinal() && !state.hasExitCode() ? null : code;
    }
}
