package io.muster.tracking;

import io.muster.job.IllegalStateTransitionException;
import io.muster.job.JobId;
import io.muster.job.JobRecord;
import io.muster.job.JobState;
import io.muster.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The one place a job's state changes: checks the move against the transition table, writes
 * the store, then fires {@link JobChanged} (which the event publisher turns into a message).
 * Jobs still running are kept in memory so that status updates do not read the store.
 */
@ApplicationScoped
public class JobLifecycle {

    private static final Logger LOG = Logger.getLogger(JobLifecycle.class.getName());

    @Inject
    Event<JobChanged> changes;

    private volatile JobStore store;
    private final Map<JobId, JobRecord> live = new ConcurrentHashMap<>();

    public void open(JobStore jobStore) {
        this.store = jobStore;
        live.clear();
    }

    public JobStore store() {
        if (store == null) {
            throw new IllegalStateException("the job store is not open");
        }
        return store;
    }

    /** Stores a new job (or finds the one with the same request id) and announces it if new. */
    public JobRecord accept(JobRecord job) {
        JobRecord stored = store().insertOrGet(job);
        if (stored.id().equals(job.id())) {
            live.put(job.id(), job);
            changes.fire(new JobChanged(job, null));
        }
        return stored;
    }

    public JobRecord get(JobId id) {
        JobRecord job = live.get(id);
        if (job != null) {
            return job;
        }
        return store().find(id).orElseThrow(() -> new NoSuchElementException("no job " + id));
    }

    /**
     * Moves a job to a new state. A move to the state it is in is ignored (schedulers repeat
     * themselves); a move the table forbids is logged and ignored when it comes from a final
     * state (a late poll), and thrown otherwise.
     */
    public JobRecord move(JobId id, JobState next, String reason) {
        return change(id, job -> job.withState(next, reason));
    }

    /** Changes a job without a state change of its own (scheduler id, exit code, times), or with one. */
    public JobRecord change(JobId id, UnaryOperator<JobRecord> edit) {
        JobRecord before;
        JobRecord after;
        synchronized (lockFor(id)) {
            before = get(id);
            after = edit.apply(before);
            if (after == before) {
                return before; // nothing changed (a repeated status): nothing to write
            }
            boolean moved = after.state() != before.state();
            if (moved) {
                try {
                    JobState.checkMove(before.state(), after.state());
                } catch (IllegalStateTransitionException e) {
                    if (before.state().isFinal()) {
                        LOG.fine(() -> "job " + id + ": ignoring " + e.getMessage());
                        return before;
                    }
                    throw e;
                }
            }
            store().update(after, moved);
            if (after.state().isFinal()) {
                live.remove(id);
            } else {
                live.put(id, after);
            }
            if (!moved) {
                return after;
            }
        }
        changes.fire(new JobChanged(after, before.state()));
        return after;
    }

    private final Map<JobId, Object> locks = new ConcurrentHashMap<>();

    private Object lockFor(JobId id) {
        // a lock per live job; finished jobs drop theirs so the map does not grow for ever
        Object lock = locks.computeIfAbsent(id, k -> new Object());
        if (!live.containsKey(id) && locks.size() > 10_000) {
            locks.keySet().removeIf(k -> !live.containsKey(k) && !k.equals(id));
        }
        return lock;
    }
}
