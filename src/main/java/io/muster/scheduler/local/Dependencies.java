package io.muster.scheduler.local;

import io.muster.api.JobState;
import io.muster.scheduler.SchedulerStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which pool jobs wait for which: afterok, a job waits until all its dependencies completed and
 * fails as soon as one ends otherwise; afterany, until all of them ended. Not thread-safe: the
 * pool's lock guards it.
 */
final class Dependencies {

    private final Map<String, List<PoolJob>> dependants = new HashMap<>();

    /**
     * Registers what a new job waits for, or says why it can never run: it depends on itself, on
     * an id nobody knows, or (afterok) on a job that ended other than COMPLETED.
     *
     * @param live     true for an id the pool holds and has not ended
     * @param stateOf  the state of an id the pool does not hold (ended here, or the job store's)
     * @return the reason it fails at once, or empty if it waits (or needs nothing)
     */
    Optional<String> register(PoolJob job, Predicate<String> live, Function<String, Optional<JobState>> stateOf) {
        for (String dependency : job.job.dependencies()) {
            if (dependency.equals(job.id)) {
                return Optional.of("depends on itself");
            }
            if (live.test(dependency)) {
                waitFor(job, dependency);
                continue;
            }
            JobState state = stateOf.apply(dependency).orElse(null);
            if (state == null) {
                return Optional.of("dependency " + dependency + " is not known to the local pool");
            }
            if (!state.isFinal()) {
                // known elsewhere and not ended (a job a restarting server has yet to hand back)
                waitFor(job, dependency);
            } else if (!job.job.afterAny() && state != JobState.COMPLETED) {
                return Optional.of("dependency " + dependency + " ended " + state);
            }
        }
        return Optional.empty();
    }

    private void waitFor(PoolJob job, String dependency) {
        job.pendingDependencies.add(dependency);
        dependants.computeIfAbsent(dependency, k -> new ArrayList<>()).add(job);
    }

    /** A job ended: it waits for nothing any more. */
    void forget(PoolJob job) {
        for (String dependency : job.pendingDependencies) {
            List<PoolJob> list = dependants.get(dependency);
            if (list != null) {
                list.remove(job);
                if (list.isEmpty()) {
                    dependants.remove(dependency);
                }
            }
        }
    }

    /**
     * Settles the jobs that waited for {@code id}, which ended with {@code status}, one after the
     * other: each still live either fails ({@code fail}, with the reason: afterok, and {@code id}
     * did not complete) or, waiting for nothing else, is ready to queue ({@code ready}).
     */
    void ended(String id, SchedulerStatus status, Predicate<String> live, BiConsumer<PoolJob, String> fail,
               Consumer<PoolJob> ready) {
        List<PoolJob> waiting = dependants.remove(id);
        if (waiting == null) {
            return;
        }
        for (PoolJob dependant : waiting) {
            if (!live.test(dependant.id)) {
                continue;
            }
            dependant.pendingDependencies.remove(id);
            if (!dependant.job.afterAny() && status.state() != JobState.COMPLETED) {
                fail.accept(dependant, "dependency " + id + " ended " + status.state());
            } else if (dependant.pendingDependencies.isEmpty()) {
                ready.accept(dependant);
            }
        }
    }
}
