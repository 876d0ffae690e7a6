package io.muster.batch;

import java.time.Instant;
import java.util.Locale;

/**
 * A CDI event fired when a flow or one of its steps starts or ends; the event publisher puts it
 * on {@code muster.events} as {@code io.muster.flow.started}, {@code io.muster.step.completed}, …
 *
 * @param kind            FLOW or STEP
 * @param phase           STARTED, or how it ended: COMPLETED, FAILED, STOPPED
 * @param executionId     the JBeret execution id of the flow (what {@code muster flow status} takes)
 * @param instanceId      the JBeret job instance: the same across restarts of one flow run
 * @param flow            the flow's name (its job id)
 * @param step            the step's id, null for a flow event
 * @param stepExecutionId the step execution id, 0 for a flow event
 * @param exitStatus      the exit status (for a clusterJob step: its job's final state)
 * @param jobId           the Muster job a clusterJob step ran, if any
 */
public record FlowEvent(Kind kind, String phase, long executionId, long instanceId, String flow, String step,
                        long stepExecutionId, String exitStatus, String jobId, Instant time) {

    public enum Kind { FLOW, STEP }

    /** {@code io.muster.flow.started}, {@code io.muster.step.failed}, … */
    public String type() {
        return "io.muster." + kind.name().toLowerCase(Locale.ROOT) + "." + phase.toLowerCase(Locale.ROOT);
    }

    /** Stable per flow execution, step execution and phase, so a subscriber can drop a duplicate. */
    public String id() {
        return "flow:" + executionId + (kind == Kind.STEP ? ":" + stepExecutionId : "") + ":" + phase;
    }
}
