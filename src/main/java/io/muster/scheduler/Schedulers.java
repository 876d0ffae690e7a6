package io.muster.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backends this server runs, by name, and the choice for {@code backend: auto}: the first
 * cluster scheduler configured, else the local pool.
 */
@ApplicationScoped
public class Schedulers {

    public static final String AUTO = "auto";
    public static final String LOCAL = "local";

    private final Map<String, Scheduler> byName = new ConcurrentHashMap<>();
    private volatile String preferred = LOCAL;

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
        return name == null || name.isBlank() || name.equals(AUTO) ? preferred : name;
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
    }
}
