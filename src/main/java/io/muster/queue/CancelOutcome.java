package io.muster.queue;

import io.muster.api.JobState;

/**
 * What a cancel request did to one job.
 *
 * @param state   the job's state when the answer was given (null when the job is unknown)
 * @param message words for the user
 */
public record CancelOutcome(String jobId, Result result, JobState state, String message) {

    public enum Result {
        /** The backend was asked to end it; the CANCELLED event follows. */
        CANCELLING,
        /** It had not reached its backend: it is CANCELLED now. */
        CANCELLED,
        /** It had ended already; nothing was done. */
        ALREADY_ENDED,
        /** No job has this id. */
        NOT_FOUND,
        /** The backend refused or is not running; the message says why. */
        FAILED
    }
}
