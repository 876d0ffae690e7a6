package io.muster.client;

import io.muster.api.JobState;

/**
 * What a cancel did to one job.
 *
 * @param state   the job's state when the server answered (null for an unknown job)
 * @param message words for a person
 */
public record CancelResult(String jobId, Outcome outcome, JobState state, String message) {

    public enum Outcome {
        /** The backend was asked to end it; its CANCELLED event follows. */
        CANCELLING,
        /** It had not reached a backend: it is CANCELLED now. */
        CANCELLED,
        /** It had ended already; nothing was done. */
        ALREADY_ENDED,
        /** The server has no job with this id. */
        NOT_FOUND,
        /** The backend refused or is not running; see the message. */
        FAILED
    }

    /** True unless the job is unknown or its backend refused. */
    public boolean ok() {
        return outcome != Outcome.NOT_FOUND && outcome != Outcome.FAILED;
    }
}
