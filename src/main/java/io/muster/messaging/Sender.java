package io.muster.messaging;

import io.muster.config.UserRole;
import java.util.Set;

/**
 * Who sent a request, as far as the broker vouches for it, and the roles that login has: what
 * {@link Rights} checks a control or flow request against. No JMS here; {@link SenderLogin}
 * reads it off a message.
 *
 * @param login        the broker login, or null when the broker vouches for none
 * @param roles        the login's roles, those they include added
 * @param unrestricted nothing is checked: the broker has no users (security off), or the request
 *                     came from Muster's own login
 */
public record Sender(String login, Set<UserRole> roles, boolean unrestricted) {

    /** Security off, or Muster itself: every request is carried out, as before roles existed. */
    public static final Sender UNRESTRICTED = new Sender(null, Set.of(), true);

    public Sender {
        roles = Set.copyOf(roles);
    }

    /** A user the broker logged in, with her roles. */
    public static Sender of(String login, Set<UserRole> roles) {
        return new Sender(login, roles, false);
    }

    /**
     * A sender on a broker with users whose message carries no login the broker vouches for
     * (AMQP 1.0): it may do only what needs no role.
     */
    public static Sender withoutLogin() {
        return new Sender(null, Set.of(), false);
    }

    /** Whether the sender may do what {@code role} allows. */
    public boolean has(UserRole role) {
        return unrestricted || roles.contains(role);
    }

    /** The sender as messages name her. */
    public String who() {
        return login != null ? login : "a sender without a login";
    }
}
