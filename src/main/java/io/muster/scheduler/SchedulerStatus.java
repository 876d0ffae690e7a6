package io.muster.scheduler;

import io.muster.job.JobState;
import java.time.Instant;

/**
 * What a backend says of one job at one moment.
 *
 * @param exitCode the exit code if the backend knows it (the wrapper's file is asked first)
 * @param reason   the backend's words, kept for the user (a pending reason, sbatch's error)
 */
public record SchedulerStatus(JobState state, Integer exitCode, String reason, Instant started, Instant ended) {

    public static SchedulerStatus of(JobState state) {
        return new SchedulerStatus(state, null, null, null, null);
    }

    public static SchedulerStatus unknown(String why) {
        return new SchedulerStatus(JobState.UNKNOWN, null, why, null, null);
    }
}
