package io.muster.client;

/** Something the client asked of Muster did not happen; the message says what and why. */
public class MusterException extends RuntimeException {

    public MusterException(String message) {
        super(message);
    }

    public MusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
