package io.muster.http;

import io.muster.config.BrokerUsers;
import io.muster.messaging.Sender;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * HTTP Basic against the broker's users file: the same logins and roles as on the broker. Without
 * users (security off, loopback only) every request is {@link Sender#UNRESTRICTED}, as on the
 * broker.
 */
final class Login {

    static final String REALM = "Muster";
    /** Failed logins as one name from one address within {@link #WINDOW_MS} after which they wait out the rest of it. */
    static final int MAX_FAILURES = 10;
    static final long WINDOW_MS = 60_000;
    /** Addresses remembered at most; past that, those whose window ended are forgotten. */
    static final int MAX_ADDRESSES = 10_000;

    private final BrokerUsers users;
    private final LongSupplier clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(long since, int count) {
    }

    /** @param users the broker's users, or null when it has none */
    Login(BrokerUsers users) {
        this(users, System::currentTimeMillis);
    }

    Login(BrokerUsers users, LongSupplier clock) {
        this.users = users;
        this.clock = clock;
    }

    /**
     * Seconds a login must wait before it may be tried again from an address, 0 when it may now: a
     * name that failed {@value #MAX_FAILURES} times from there within a minute waits until that minute
     * is over, so a password cannot be guessed at the speed the server answers. By name and address,
     * so that users behind one proxy do not lock each other out.
     */
    long waitSeconds(String authorization, InetAddress from) {
        Failures f = failures.get(key(authorization, from));
        long left = f == null || f.count() < MAX_FAILURES ? 0 : f.since() + WINDOW_MS - clock.getAsLong();
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    /** {@link #sender}, counting a failed login against the address it came from. */
    Optional<Sender> sender(String authorization, InetAddress from) {
        Optional<Sender> who = sender(authorization);
        if (users == null) {
            return who;
        }
        String key = key(authorization, from);
        if (who.isPresent()) {
            failures.remove(key);
        } else if (authorization != null) {
            long now = clock.getAsLong();
            if (failures.size() >= MAX_ADDRESSES) {
                failures.values().removeIf(f -> f.since() + WINDOW_MS <= now);
            }
            // still full of live windows (many names tried within the minute): those already counted go on
            // being counted, new ones are not, so the map stays bounded
            if (failures.size() < MAX_ADDRESSES || failures.containsKey(key)) {
                failures.compute(key, (a, f) -> f == null || f.since() + WINDOW_MS <= now ? new Failures(now, 1)
                        : new Failures(f.since(), f.count() + 1));
            }
        }
        return who;
    }

    /** How many name-and-address pairs are remembered now. */
    int remembered() {
        return failures.size();
    }

    boolean required() {
        return users != null;
    }

    private static String key(String authorization, InetAddress from) {
        String name = "";
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                name = pair.indexOf(':') < 0 ? pair : pair.substring(0, pair.indexOf(':'));
            } catch (IllegalArgumentException e) {
                name = "";
            }
        }
        return from.getHostAddress() + " " + name;
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
