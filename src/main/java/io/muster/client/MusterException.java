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

    /**
     * The failure of another thread, thrown again on the caller's with the caller's stack; a lost
     * connection stays a {@link MusterUnavailableException}, so callers can tell it from a refusal.
     */
    static MusterException rethrown(Throwable cause, String what) {
        if (cause instanceof MusterUnavailableException u) {
            return new MusterUnavailableException(u.url(), u.getMessage(), u);
        }
        return cause instanceof MusterException m ? new MusterException(m.getMessage(), m)
                : new MusterException(what + ": " + cause, cause);
    }

    /** Why the server refused the request; null when it did not answer, or answered without a code. */
    public ErrorCode code() {
        return code;
    }
}
