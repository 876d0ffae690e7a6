package io.muster.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backends this server runs, by name, and the choice for {@code backend: auto}: the first
 * cluster scheduler configured, else the local pool. {@code local@HOST} names the local pool of
 * the server whose {@code local.host} is HOST: this server's own pool when HOST is its own.
 */
@ApplicationScoped
public class Schedulers {

    public static final String AUTO = "auto";
    public static final String LOCAL = "local";
    /** A host's local pool: {@code local@HOST}. */
    public static final String LOCAL_ON = LOCAL + "@";
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final Map<String, Scheduler> byName = new ConcurrentHashMap<>();
    private volatile String preferred = LOCAL;
    private volatile String ownHost;

    /** This server's {@code local.host}: {@code local@HOST} is then its own local pool. */
    public void localPoolOn(String host) {
        this.ownHost = host;
    }

    /** The HOST of a backend written {@code local@HOST}, if it is one and HOST is a host name. */
    public static Optional<String> hostOfLocal(String backend) {
        if (backend == null || !backend.startsWith(LOCAL_ON)) {
            return Optional.empty();
        }
        String host = backend.substring(LOCAL_ON.length());
        return HOST.matcher(host).matches() ? Optional.of(host) : Optional.empty();
    }

    /** The HOST of a {@code local@HOST} that is another host's pool: a job for it waits for that host's server. */
    public Optional<String> otherHostsPool(String backend) {
        return hostOfLocal(backend).filter(h -> !h.equals(ownHost));
    }

    public void register(Scheduler scheduler) {
        byName.put(scheduler.name(), scheduler);
        if (!scheduler.name().equals(LOCAL) && preferred.equals(LOCAL)) {
            preferred = scheduler.name();
        }
    }

    public Optional<Scheduler> find(String name) {
        return Optional.ofNullable(byName.get(resolve(name)));
    }

    /** The backend a job's {@code backend} value stands for; null and auto pick the preferred one. */
    public String resolve(String name) {
        if (name == null || name.isBlank() || name.equals(AUTO)) {
            return preferred;
        }
        return ownHost != null && name.equals(LOCAL_ON + ownHost) ? LOCAL : name;
    }

    /** Every backend registered, for the tracker to follow each. */
    public java.util.Collection<Scheduler> all() {
        return java.util.List.copyOf(byName.values());
    }

    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    public void closeAll() {
        byName.values().forEach(Scheduler::close);
        byName.clear();
        preferred = LOCAL;
        ownHost = null;
    }
}
