package io.muster.client;

import io.muster.api.ErrorCode;

/**
 * Something the client asked of Muster did not happen; the message says what and why. When the
 * server refused the request, {@link #code()} says why in a form to test; the subclasses name
 * the cases a caller usually handles apart.
 */
public class MusterException extends RuntimeException {

    private final ErrorCode code;

    public MusterException(String message) {
        this(null, message);
    }

    public MusterException(String message, Throwable cause) {
        super(message, cause);
        this.code = null;
    }

    public MusterException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** Why the server refused the request; null when it did not answer, or answered without a code. */
    public ErrorCode code() {
        return code;
    }
}
