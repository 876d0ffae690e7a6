package io.muster.batch;

import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;

/**
 * Added by {@link Flows} to every step of every flow it starts: fires a {@link FlowEvent} when
 * the step starts and when it ends, with the Muster job a {@code clusterJob} step ran.
 */
@Named(StepEventsListener.NAME)
@Dependent
public class StepEventsListener implements StepListener {

    static final String NAME = "musterStepEvents";

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Inject
    Event<FlowEvent> events;

    @Override
    public void beforeStep() {
        events.fire(event("STARTED", null));
    }

    @Override
    public void afterStep() {
        String phase = FlowEventsListener.ending(stepContext.getBatchStatus());
        String exit = stepContext.getExitStatus();
        events.fire(event(phase, exit == null ? phase : exit));
    }

    private FlowEvent event(String phase, String exit) {
        Serializable data = stepContext.getPersistentUserData();
        String jobId = data instanceof ClusterJobBatchlet.Ran ran ? ran.jobId() : null;
        return new FlowEvent(FlowEvent.Kind.STEP, phase, jobContext.getExecutionId(), jobContext.getInstanceId(),
                jobContext.getJobName(), stepContext.getStepName(), stepContext.getStepExecutionId(), exit, jobId,
                Instant.now());
    }
}
