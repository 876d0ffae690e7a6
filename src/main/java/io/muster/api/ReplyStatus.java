package io.muster.api;

/**
 * The {@code status} of every answer on every request queue ({@code muster.submit},
 * {@code muster.control}, {@code muster.flows}), also set as the reply's message property
 * {@code status}. A refused or failed request answers {@link #ERROR} or {@link #REJECTED}, and
 * then always with an {@link ErrorCode} in {@code error} and a sentence in {@code message}.
 */
public enum ReplyStatus {
    /** A job was taken (a submission, a resubmission). */
    ACCEPTED,
    /** A submission or flow was refused for what it says: {@code violations} or {@code problems}. */
    REJECTED,
    /** A control or flow request was carried out. */
    OK,
    /** A control request could not be carried out. */
    ERROR,
    /** A flow started or restarted: {@code executionId}. */
    STARTED,
    /** A flow is asked to stop. */
    STOPPING;

    /** True for the two answers of a refused request. */
    public boolean refused() {
        return this == ERROR || this == REJECTED;
    }
}
