package io.muster.batch;

import io.muster.job.JobState;
import io.muster.scheduler.SchedulerStatus;

/** Kept in the job context between the steps of one {@code muster-job} execution. */
final class StepData {
    SchedulerStatus endStatus;
    JobState finalState;
    String reason;
}
