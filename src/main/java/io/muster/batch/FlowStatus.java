package io.muster.batch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code muster flow status} shows: one execution of a flow and its steps.
 *
 * @param executions every execution of this flow run (the instance), oldest first: a restart
 *                   adds one, and only runs the steps that had not completed
 */
public record FlowStatus(long executionId, long instanceId, String flow, String batchStatus, String exitStatus,
                         Instant started, Instant ended, Map<String, String> parameters, List<Step> steps,
                         List<Long> executions) {

    /**
     * One step execution; {@code jobId} and {@code jobState} for a clusterJob step, {@code reason}
     * why its job was rejected (null when it was not).
     */
    public record Step(String step, long stepExecutionId, String batchStatus, String exitStatus, String jobId,
                       String jobState, String reason, Instant started, Instant ended) {
    }

    public boolean finished() {
        return switch (batchStatus) {
            case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> true;
            default -> false;
        };
    }
}
