package io.muster.tracking;

import io.muster.job.JobId;
import io.muster.job.JobRecord;
import io.muster.job.JobState;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerStatus;
import io.muster.scheduler.StatusListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what backends say into state changes. Pushing backends call {@link #listenerFor};
 * the others are polled, one status call per backend per interval for all of its tracked jobs.
 * Intermediate states are applied at once; the final status completes the future that the
 * batch job's await step waits on, which then collects the result and publishes it.
 */
@ApplicationScoped
public class JobTracker {

    private static final Logger LOG = Logger.getLogger(JobTracker.class.getName());

    @Inject
    JobLifecycle lifecycle;

    private record Key(String backend, String schedulerId) {
    }

    private record Tracked(JobId id, CompletableFuture<SchedulerStatus> end) {
    }

    private final Map<Key, Tracked> tracked = new ConcurrentHashMap<>();
    /** Statuses that arrived before the job was tracked (a fast local job can end before submit returns). */
    private final Map<Key, List<SchedulerStatus>> early = new ConcurrentHashMap<>();
    private final Map<String, ScheduledExecutorService> pollers = new ConcurrentHashMap<>();

    /** Connects a backend: its pushed statuses, or a poller every {@code interval}. */
    public void attach(Scheduler scheduler, Duration interval) {
        scheduler.setListener(listenerFor(scheduler.name()));
        if (!scheduler.pushesUpdates()) {
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "muster-poll-" + scheduler.name());
                t.setDaemon(true);
                return t;
            });
            pollers.put(scheduler.name(), poller);
            poller.scheduleWithFixedDelay(() -> poll(scheduler), interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private StatusListener listenerFor(String backend) {
        return (schedulerId, status) -> onStatus(new Key(backend, schedulerId), status);
    }

    /** Follows a submitted job; the future completes with its final status. */
    public CompletableFuture<SchedulerStatus> track(JobId id, String backend, String schedulerId) {
        Key key = new Key(backend, schedulerId);
        Tracked t = new Tracked(id, new CompletableFuture<>());
        tracked.put(key, t);
        t.end().whenComplete((s, e) -> tracked.remove(key, t));
        replayEarly(key);
        return t.end();
    }

    private void replayEarly(Key key) {
        List<SchedulerStatus> before = early.remove(key);
        if (before != null) {
            before.forEach(s -> onStatus(key, s));
        }
    }

    private void onStatus(Key key, SchedulerStatus status) {
        Tracked t = tracked.get(key);
        if (t == null) {
            early.compute(key, (k, list) -> {
                List<SchedulerStatus> out = list == null ? new java.util.ArrayList<>() : list;
                out.add(status);
                return out;
            });
            // track() may have emptied early between our look and our add: the status would stay there, and a
            // final one lost so leaves its job waiting for ever
            if (tracked.containsKey(key)) {
                replayEarly(key);
            }
            return;
        }
        if (status.state().isFinal()) {
            t.end().complete(status);
            return;
        }
        try {
            lifecycle.change(t.id(), job -> {
                // the same state again: only what the status call showed of its place and a pending reason
                if (job.state() == status.state()) {
                    JobRecord seen = job.withPlacement(status.placement());
                    return status.state() == JobState.QUEUED ? seen.withReason(status.reason()) : seen;
                }
                // statuses may arrive out of order (a buffered early one replayed late): never step back
                if (!job.state().canMoveTo(status.state())) {
                    return job;
                }
                return job.withState(status.state(), status.reason()).withTimes(status.started(), null)
                        .withPlacement(status.placement());
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job " + t.id() + ": cannot apply " + status.state(), e);
        }
    }

    private void poll(Scheduler scheduler) {
        List<String> ids = tracked.keySet().stream()
                .filter(k -> k.backend().equals(scheduler.name()))
                .map(Key::schedulerId)
                .toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            scheduler.status(ids).forEach((sid, status) -> {
                if (status.state() != JobState.UNKNOWN) {
                    onStatus(new Key(scheduler.name(), sid), status);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status of " + ids.size() + " " + scheduler.name() + " jobs failed; will ask again", e);
        }
    }

    public int trackedCount() {
        return tracked.size();
    }

    public void close() {
        pollers.values().forEach(ScheduledExecutorService::shutdownNow);
        pollers.clear();
        tracked.values().forEach(t -> t.end().cancel(false));
        tracked.clear();
        early.clear();
    }
}
