package io.muster.batch;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;

/**
 * Added by {@link Flows} to every flow it starts (users do not write it): fires a
 * {@link FlowEvent} when the flow starts and when it ends.
 */
@Named(FlowEventsListener.NAME)
@Dependent
public class FlowEventsListener implements JobListener {

    static final String NAME = "musterFlowEvents";

    @Inject
    JobContext jobContext;

    @Inject
    Event<FlowEvent> events;

    @Override
    public void beforeJob() {
        events.fire(event("STARTED", null));
    }

    @Override
    public void afterJob() {
        String phase = ending(jobContext.getBatchStatus());
        String exit = jobContext.getExitStatus();
        events.fire(event(phase, exit == null ? phase : exit));
    }

    private FlowEvent event(String phase, String exit) {
        return new FlowEvent(FlowEvent.Kind.FLOW, phase, jobContext.getExecutionId(), jobContext.getInstanceId(),
                jobContext.getJobName(), null, 0, exit, null, Instant.now());
    }

    /**
     * How an execution ends, as seen from a listener: JBeret calls it before it settles the
     * status, so a run that went well is still STARTED and a stopped one still STOPPING.
     */
    static String ending(BatchStatus status) {
        return switch (status) {
            case STARTING, STARTED, COMPLETED -> "COMPLETED";
            case STOPPING, STOPPED -> "STOPPED";
            default -> "FAILED";
        };
    }
}
