package io.muster.api;

/** How a job ended: its final state and, when known, the exit code and why. */
public record JobResult(JobId id, JobState state, Integer exitCode, String reason) {

    public JobResult {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("a result needs a final state, not " + state);
        }
    }

    public boolean succeeded() {
        return state == JobState.COMPLETED;
    }
}
