package io.muster.tracking;

import io.muster.api.JobState;
import io.muster.job.JobRecord;

/**
 * A CDI event fired after a job's state changed and the store holds the new state.
 *
 * @param previous the state before, or null when the job was just accepted or rejected
 */
public record JobChanged(JobRecord job, JobState previous) {
}
