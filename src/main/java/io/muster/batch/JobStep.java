package io.muster.batch;

import io.muster.job.JobId;
import io.muster.job.JobRecord;
import io.muster.tracking.JobLifecycle;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;

/** What every batchlet of {@code muster-job} shares: the job it works on and the state kept between steps. */
abstract class JobStep extends jakarta.batch.api.AbstractBatchlet {

    @Inject
    JobContext jobContext;

    @Inject
    JobLifecycle lifecycle;

    JobId jobId() {
        return JobId.of(jobContext.getProperties().getProperty(BatchEngine.JOB_ID));
    }

    JobRecord job() {
        return lifecycle.get(jobId());
    }

    /** Facts one step hands to the next within one execution (the final status, the result). */
    StepData data() {
        Object data = jobContext.getTransientUserData();
        if (data == null) {
            data = new StepData();
            jobContext.setTransientUserData(data);
        }
        return (StepData) data;
    }
}
