package io.muster.api;

/**
 * Why a request was refused: the {@code error} of every {@link ReplyStatus#ERROR} and
 * {@link ReplyStatus#REJECTED} answer, for a client to tell cases apart without reading the
 * message (which is for people).
 */
public enum ErrorCode {
    /** The request itself is wrong: not JSON, a field missing, unknown or of the wrong kind, an unknown action. */
    BAD_REQUEST,
    /** No job has the id given. */
    UNKNOWN_JOB,
    /** No flow execution has the id given. */
    UNKNOWN_FLOW,
    /** The sender lacks the role, or the job or flow is somebody else's. */
    FORBIDDEN,
    /** The backend named is not running on this server, has no queue of its own, or did not answer. */
    BACKEND_UNAVAILABLE,
    /** A submission (resubmitted or rendered) breaks rules of its options: {@code violations}. */
    INVALID_SUBMISSION,
    /** A flow's XML or parameters are wrong: {@code problems}. */
    INVALID_FLOW,
    /** The server failed on a request it should have carried out (a file it could not read or write). */
    SERVER_ERROR
}
