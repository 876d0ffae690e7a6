package io.muster.batch.dispatch;

import io.muster.job.JobRecord;
import io.muster.options.JobOptions;

/** An accepted job whose files are written, on its way to the backend. */
record PreparedJob(JobRecord job, JobOptions options, DependencyList depends) {
}
