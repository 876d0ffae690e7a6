package io.muster.client;

import jakarta.jms.JMSSecurityException;

/**
 * The broker refused the login: a wrong user name or password, or none given where the broker
 * wants one ({@code broker.users} is set on the server). The message names the URL and the user.
 */
public class MusterLoginException extends MusterException {

    /** Artemis's code for "unable to validate user": the name or the password is wrong. */
    private static final String UNABLE_TO_VALIDATE = "AMQ229031";

    private final String url;
    private final String user;

    public MusterLoginException(String url, String user, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.user = user;
    }

    /** The one-line message for a connection the broker at {@code url} refused for {@code user} (null: none given). */
    public static MusterLoginException refused(String url, String user, JMSSecurityException cause) {
        String detail = cause.getMessage() == null ? "" : cause.getMessage().strip();
        String why = detail.startsWith(UNABLE_TO_VALIDATE) || detail.isEmpty()
                ? (user == null ? "it wants a user name and password" : "wrong user name or password")
                : detail.lines().findFirst().orElse(detail);
        String who = user == null ? "a connection without a user name" : "user '" + user + "'";
        return new MusterLoginException(url, user, "the broker at " + url + " refused " + who + ": " + why, cause);
    }

    /** The broker URL the client tried. */
    public String url() {
        return url;
    }

    /** The user name given, or null when none was. */
    public String user() {
        return user;
    }
}
