package io.muster.scheduler.local;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Time limits and kills: a job's limit runs out on the pool's timer, and ending a job sends TERM
 * to its whole process group (its children too), then KILL after the grace unless the whole
 * group is gone (the wrapper may have died of the TERM while a child that ignores it goes on).
 */
final class Termination {

    private final ScheduledExecutorService timers;
    private final Supplier<Spawner> spawner;
    private final Duration grace;

    Termination(ScheduledExecutorService timers, Supplier<Spawner> spawner, Duration grace) {
        this.timers = timers;
        this.spawner = spawner;
        this.grace = grace;
    }

    /** Calls {@code onTimeout} when {@code limit} has passed since {@code started} (at once if it has already). */
    ScheduledFuture<?> limit(Instant started, Duration limit, Runnable onTimeout) {
        long delay = Duration.between(Instant.now(), started.plus(limit)).toMillis();
        return timers.schedule(onTimeout, Math.max(0, delay), TimeUnit.MILLISECONDS);
    }

    /** TERM to the process group of {@code pid} now, KILL after the grace if {@code stillThere} (the group, not the wrapper) says so then. */
    void terminate(long pid, LongPredicate stillThere) {
        spawner.get().signalGroup(pid, "TERM");
        timers.schedule(() -> {
            if (stillThere.test(pid)) {
                spawner.get().signalGroup(pid, "KILL");
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }
}
