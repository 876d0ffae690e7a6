package io.muster.tracking;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.scheduler.ExitCodes;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerStatus;
import io.muster.scheduler.Schedulers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows every handed-over job without a thread of its own: what backends say becomes state
 * changes. Pushing backends (the local pool) report through their listener; the others are
 * polled, one status call per backend per interval for all of its followed jobs.
 *
 * <p>Statuses are not applied on the thread that brought them (the pool's notifier, a poller):
 * they queue for one applier thread, which takes whatever has gathered, settles final ones
 * (the exit-code file first, the backend second) and records the whole batch with one store
 * transaction. So the cost of following a job is a map entry, and the threads are the same for
 * ten jobs as for ten thousand.
 */
@ApplicationScoped
public class JobTracker {

    private static final Logger LOG = Logger.getLogger(JobTracker.class.getName());
    /** The most statuses recorded in one store transaction. */
    static final int MAX_BATCH = 1000;

    @Inject
    JobLifecycle lifecycle;

    private record Key(String backend, String schedulerId) {
    }

    private record Update(Key key, JobId id, SchedulerStatus status) {
    }

    /** Ends the applier: interrupting it instead could close the database's file under a write. */
    private static final Update STOP = new Update(null, null, null);

    private final Map<Key, JobId> followed = new ConcurrentHashMap<>();
    /** Statuses that arrived before the job was followed (a fast local job can end before its hand-over is recorded). */
    private final Map<Key, List<SchedulerStatus>> early = new ConcurrentHashMap<>();
    private final Map<String, ScheduledExecutorService> pollers = new ConcurrentHashMap<>();
    private final BlockingQueue<Update> updates = new LinkedBlockingQueue<>();
    private volatile Thread applier;

    @Inject
    Schedulers schedulers;

    /** Follows every backend the server registered: its pushed statuses, or a poller at its poll interval. */
    public void start() {
        schedulers.all().forEach(scheduler -> attach(scheduler, scheduler.pollInterval()));
    }

    /** Connects a backend: its pushed statuses, or a poller every {@code interval}. */
    public void attach(Scheduler scheduler, Duration interval) {
        startApplier();
        scheduler.setListener((schedulerId, status) -> onStatus(new Key(scheduler.name(), schedulerId), status));
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

    private synchronized void startApplier() {
        if (applier == null) {
            Thread t = new Thread(this::applyForever, "muster-tracker");
            t.setDaemon(true);
            applier = t;
            t.start();
        }
    }

    /** Follows a handed-over job until its final state is recorded. */
    public void follow(JobId id, String backend, String schedulerId) {
        Key key = new Key(backend, schedulerId);
        followed.put(key, id);
        List<SchedulerStatus> before = early.remove(key);
        if (before != null) {
            before.forEach(s -> onStatus(key, s));
        }
    }

    private void onStatus(Key key, SchedulerStatus status) {
        JobId id = followed.get(key);
        if (id == null) {
            early.compute(key, (k, list) -> {
                List<SchedulerStatus> out = list == null ? new ArrayList<>() : list;
                out.add(status);
                return out;
            });
            // follow() may have emptied early between our look and our add: replay, or a final status is lost
            if (followed.containsKey(key)) {
                List<SchedulerStatus> again = early.remove(key);
                if (again != null) {
                    again.forEach(s -> onStatus(key, s));
                }
            }
            return;
        }
        updates.add(new Update(key, id, status));
    }

    private void applyForever() {
        List<Update> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(updates.take());
            } catch (InterruptedException e) {
                return;
            }
            updates.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.removeIf(u -> u == STOP); // by identity: a record's equals compares every field
            try {
                apply(batch);
            } catch (RuntimeException e) {
                // the jobs stay followed: the next status (a poll, or the pool's status) brings them again
                LOG.log(Level.WARNING, "cannot record " + batch.size() + " job statuses; they will be asked again", e);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Records one batch of statuses with one store transaction. */
    void apply(List<Update> batch) {
        List<JobLifecycle.Edit> edits = new ArrayList<>(batch.size());
        List<Key> ended = new ArrayList<>();
        for (Update u : batch) {
            SchedulerStatus status = u.status();
            if (status.state().isFinal()) {
                edits.add(new JobLifecycle.Edit(u.id(), job -> settle(withId(job, u.key()), status)));
                ended.add(u.key());
            } else {
                edits.add(new JobLifecycle.Edit(u.id(), job -> progress(withId(job, u.key()), status)));
            }
        }
        lifecycle.changeAll(edits, false);
        ended.forEach(followed::remove);
    }

    private static JobRecord withId(JobRecord job, Key key) {
        return job.schedulerId() == null && key.backend().equals(job.backend()) ? job.withSchedulerId(key.schedulerId())
                : job;
    }

    /** An intermediate status: statuses may arrive out of order (a buffered early one), never step back. */
    static JobRecord progress(JobRecord job, SchedulerStatus status) {
        // the same state again: only what the status call showed of its place and a pending reason
        if (job.state() == status.state()) {
            JobRecord seen = job.withPlacement(status.placement());
            return status.state() == JobState.QUEUED ? seen.withReason(status.reason()) : seen;
        }
        if (!job.state().canMoveTo(status.state())) {
            return job;
        }
        return job.withState(status.state(), status.reason()).withTimes(status.started(), null)
                .withPlacement(status.placement());
    }

    /**
     * How the job ended: the wrapper's exit-code file is asked first, the backend second; a job
     * the backend calls completed but whose command exited non-zero has FAILED.
     */
    static JobRecord settle(JobRecord job, SchedulerStatus end) {
        if (job.state().isFinal()) {
            return job; // ended already (cancelled before its hand-over was recorded)
        }
        JobFiles files = JobFiles.of(job);
        Integer exitCode = ExitCodes.read(files).orElse(end.exitCode());
        JobState state = end.state();
        if (state == JobState.COMPLETED && exitCode != null && exitCode != 0) {
            state = JobState.FAILED;
        }
        String reason = end.reason();
        // an array fails with its first failed task, and says which
        var failedTask = state == JobState.FAILED || state == JobState.COMPLETED ? ExitCodes.failedTask(files)
                : java.util.Optional.<String>empty();
        if (failedTask.isPresent()) {
            state = JobState.FAILED;
            reason = failedTask.get() + (reason == null ? "" : "; " + reason);
        }
        return job.withExitCode(exitCode).withTimes(end.started(), end.ended()).withPlacement(end.placement())
                .withState(state, reason);
    }

    private void poll(Scheduler scheduler) {
        List<String> ids = followed.keySet().stream()
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

    /** How many jobs are followed (handed over, end not yet recorded). */
    public int followedCount() {
        return followed.size();
    }

    public void close() {
        pollers.values().forEach(ScheduledExecutorService::shutdownNow);
        pollers.clear();
        Thread t;
        synchronized (this) {
            t = applier;
            applier = null;
        }
        if (t != null) {
            updates.add(STOP);
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        followed.clear();
        early.clear();
        updates.clear();
    }
}
