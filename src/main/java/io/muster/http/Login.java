package io.muster.http;

import io.muster.config.BrokerUsers;
import io.muster.messaging.Sender;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic against the broker's users file: the same logins and roles as on the broker. Without
 * users (security off, loopback only) every request is {@link Sender#UNRESTRICTED}, as on the
 * broker.
 */
final class Login {

    static final String REALM = "Muster";

    private final BrokerUsers users;

    /** @param users the broker's users, or null when it has none */
    Login(BrokerUsers users) {
        this.users = users;
    }

    boolean required() {
        return users != null;
    }

    /** The sender an {@code Authorization} header logs in as; empty when it names no listed user and password. */
    Optional<Sender> sender(String authorization) {
        if (users == null) {
            return Optional.of(Sender.UNRESTRICTED);
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String name = pair.substring(0, colon);
        String password = pair.substring(colon + 1);
        String expected = users.passwords().get(name);
        // compared in constant time, so the answer's timing does not tell how much of a password was right
        boolean ok = MessageDigest.isEqual((expected == null ? "\0" : expected).getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8)) && expected != null;
        return ok ? Optional.of(Sender.of(name, users.roles(name))) : Optional.empty();
    }
}
