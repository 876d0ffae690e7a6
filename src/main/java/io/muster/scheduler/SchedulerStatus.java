package io.muster.scheduler;

import io.muster.api.JobState;
import io.muster.job.Placement;
import java.time.Instant;

/**
 * What a backend says of one job at one moment.
 *
 * @param exitCode the exit code if the backend knows it (the wrapper's file is asked first)
 * @param reason   the backend's words, kept for the user (a pending reason, sbatch's error)
 * @param placement partition, nodes and CPUs as the same status call showed them, or null
 */
public record SchedulerStatus(JobState state, Integer exitCode, String reason, Instant started, Instant ended,
                              Placement placement) {

    /** A status without placement (the backend's status call did not say where the job runs). */
    public SchedulerStatus(JobState state, Integer exitCode, String reason, Instant started, Instant ended) {
        this(state, exitCode, reason, started, ended, null);
    }

    /** This status with where the job runs. */
    public SchedulerStatus placed(Placement where) {
        return new SchedulerStatus(state, exitCode, reason, started, ended, where);
    }

    public static SchedulerStatus of(JobState state) {
        return new SchedulerStatus(state, null, null, null, null);
    }

    public static SchedulerStatus unknown(String why) {
        return new SchedulerStatus(JobState.UNKNOWN, null, why, null, null);
    }
}
