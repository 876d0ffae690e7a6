package io.muster.client;

/** No Muster server answers at the URL: nothing listens there, or the connection was lost. */
public class MusterUnavailableException extends MusterException {

    private final String url;

    public MusterUnavailableException(String url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    /** The broker URL the client tried. */
    public String url() {
        return url;
    }
}
