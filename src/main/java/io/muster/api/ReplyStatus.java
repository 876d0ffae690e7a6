package io.muster.api;

/**
 * The {@code status} of every answer on every request queue ({@code muster.submit},
 * {@code muster.control}, {@code muster.flows}), also set as the reply's message property
 * {@code status}. One rule for all: a request that makes new work (a submission, a resubmission,
 * a flow's start or restart) answers {@link #ACCEPTED} or {@link #REJECTED}; any other request
 * answers {@link #OK} or {@link #ERROR}. A refused request always carries an {@link ErrorCode} in
 * {@code error} and a sentence in {@code message}.
 */
public enum ReplyStatus {
    /** New work was taken: a job ({@code id}) or a flow execution ({@code executionId}). */
    ACCEPTED,
    /** New work was refused for what the request says: {@code violations} or {@code problems}. */
    REJECTED,
    /** A request that makes no new work was carried out (a status, a cancel, a flow's stop). */
    OK,
    /** A request that makes no new work could not be carried out. */
    ERROR;

    /** True for the two answers of a refused request. */
    public boolean refused() {
        return this == ERROR || this == REJECTED;
    }
}
