package io.muster.batch;

import io.muster.job.JobRecord;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/**
 * Step 6: records the final state, which publishes it. The batch job's exit status is the job's
 * final state, so a flow or a listener on JBeret sees the same word as the event.
 */
@Named("publish")
@Dependent
public class PublishBatchlet extends JobStep {

    @Override
    public String process() {
        JobRecord job = job();
        StepData data = data();
        if (!job.state().isFinal() && data.finalState != null) {
            job = lifecycle.move(job.id(), data.finalState, data.reason);
        }
        jobContext.setExitStatus(job.state().name());
        return job.state().name();
    }
}
