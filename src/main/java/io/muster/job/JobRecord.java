package io.muster.job;

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
        String user) {

    /** Characters of a reason as stored and published; a longer one (a scheduler's long answer) is cut. */
    public static final int REASON_CHARS = 2000;

    /** The reason is cut to {@link #REASON_CHARS}, so no reason can fail the job store's write of a state. */
    public JobRecord {
        options = options == null ? Map.of() : Map.copyOf(options);
        if (reason != null && reason.length() > REASON_CHARS) {
            reason = reason.substring(0, REASON_CHARS - 1) + "…";
        }
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

    /** The partition (queue) the job asked for, or null. */
    public String partition() {
        Object partition = options.get("partition");
        return partition == null ? null : partition.toString();
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
                exitCode, why == null ? reason : why, submitted, start, end, workDir, user);
    }

    public JobRecord withTimes(Instant startedAt, Instant endedAt) {
        return new JobRecord(id, requestId, name, command, backend, profile, options, state, schedulerId,
                exitCode, reason, submitted, startedAt == null ? started : startedAt,
                endedAt == null ? ended : endedAt, workDir, user);
    }

    public JobRecord withSchedulerId(String sid) {
        return new JobRecord(id, requestId, name, command, backend, profile, options, state, sid,
                exitCode, reason, submitted, started, ended, workDir, user);
    }

    public JobRecord withBackend(String chosen) {
        return new JobRecord(id, requestId, name, command, chosen, profile, options, state, schedulerId,
                exitCode, reason, submitted, started, ended, workDir, user);
    }

    public JobRecord withExitCode(Integer code) {
        return new JobRecord(id, requestId, name, command, backend, profile, options, state, schedulerId,
                code, reason, submitted, started, ended, workDir, user);
    }
}
