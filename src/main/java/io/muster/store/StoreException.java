package io.muster.store;

/** The job store could not read or write; carries the SQL cause. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
