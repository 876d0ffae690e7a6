package io.muster.tracking;

import io.muster.api.IllegalStateTransitionException;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import io.muster.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place a job's state changes: checks the move against the transition table, writes
 * the store, then fires {@link JobChanged} (which the event publisher turns into a message).
 * Jobs still running are kept in memory so that status updates do not read the store.
 *
 * <p>Changes come one at a time ({@link #change}) or many at a time ({@link #changeAll}, one store
 * transaction for a chunk of dispatched jobs or a batch of ended ones). A final state is written
 * durably before its event is fired: an event never announces what a crash could take back. All writes go through one
 * lock, held while the events are fired, so the events of one job leave in the order its states
 * were stored. The store itself has one connection, so the lock costs no parallelism.
 */
@ApplicationScoped
public class JobLifecycle {

    private static final Logger LOG = Logger.getLogger(JobLifecycle.class.getName());

    /** A change of one job: {@code edit} gets the current record and returns the new one (or the same). */
    public record Edit(JobId id, UnaryOperator<JobRecord> edit) {
    }

    @Inject
    BeanManager beans;
    /** The observers of {@link JobChanged}, by priority: resolved once, they do not change. */
    private volatile List<ObserverMethod<? super JobChanged>> observers;

    /** The running server's store: a run of its own after every start (tests start several in one container). */
    @Inject
    Provider<JobStore> stores;

    private volatile JobStore store;
    private final Map<JobId, JobRecord> live = new ConcurrentHashMap<>();
    private final Object writes = new Object();

    public JobStore store() {
        JobStore s = store;
        if (s == null) {
            synchronized (writes) {
                s = store;
                if (s == null) {
                    live.clear();
                    s = store = stores.get();
                }
            }
        }
        return s;
    }

    /** Forgets the store of a run that ended: the next run's is asked for at its first use. */
    public void close() {
        synchronized (writes) {
            store = null;
            live.clear();
        }
    }

    /** Stores a new job (or finds the one with the same request id) and announces it if new. */
    public JobRecord accept(JobRecord job) {
        return acceptAll(List.of(job)).get(0);
    }

    /**
     * Stores new jobs in one durable transaction and announces the new ones; for each, in order,
     * the stored job (an earlier one with the same request id, or itself).
     */
    public List<JobRecord> acceptAll(List<JobRecord> jobs) {
        return acceptAll(jobs, null);
    }

    /**
     * As {@link #acceptAll(List)}, each job with the broker's id of the message it came in (see
     * {@link JobStore#insertAll(List, List)}): a message delivered again is answered with its job.
     */
    public List<JobRecord> acceptAll(List<JobRecord> jobs, List<String> messageIds) {
        synchronized (writes) {
            List<JobRecord> stored = store().insertAll(jobs, messageIds);
            for (int i = 0; i < jobs.size(); i++) {
                JobRecord job = jobs.get(i);
                if (stored.get(i) == job) {
                    live.put(job.id(), job);
                    announce(new JobChanged(job, null));
                }
            }
            return stored;
        }
    }

    /**
     * Hands accepted jobs to the server of another host's local pool ({@link JobStore#handToHost}):
     * that server runs, follows and announces them from now on, so this one forgets them.
     */
    public List<JobId> handToHost(List<JobId> ids, String host) {
        synchronized (writes) {
            List<JobId> moved = store().handToHost(ids, host);
            moved.forEach(live::remove);
            return moved;
        }
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
        synchronized (writes) {
            JobRecord before = get(id);
            JobRecord after = edited(before, edit);
            if (after == before) {
                return before; // nothing changed (a repeated status): nothing to write
            }
            boolean moved = after.state() != before.state();
            if (!store().updateAll(List.of(new JobStore.Update(after, moved)), endsJob(moved, after)).isEmpty()) {
                return endedBefore(after);
            }
            publish(before, after);
            return after;
        }
    }

    /**
     * Applies many changes with one store transaction; {@code durable} when the transaction must
     * reach the disk before this returns. A batch that ends a job is always made durable: its
     * event goes out next, and a client that saw CANCELLED must never find the job QUEUED or
     * running again after a crash (H2 keeps a commit in memory for up to a second). One flush per
     * batch, so the cost is per batch, not per job. A job whose edit throws keeps its record and is left
     * out (logged); an unknown job is left out too. Returns the records after the changes, in
     * the order of the edits, without those left out.
     */
    public List<JobRecord> changeAll(List<Edit> edits, boolean durable) {
        synchronized (writes) {
            List<JobRecord> before = new ArrayList<>(edits.size());
            List<JobRecord> after = new ArrayList<>(edits.size());
            List<JobStore.Update> updates = new ArrayList<>();
            Map<JobId, JobRecord> pending = new java.util.HashMap<>();
            for (Edit e : edits) {
                JobRecord was;
                JobRecord now;
                try {
                    was = pending.containsKey(e.id()) ? pending.get(e.id()) : get(e.id());
                    now = edited(was, e.edit());
                } catch (RuntimeException ex) {
                    LOG.warning(() -> "job " + e.id() + ": change not applied: " + ex.getMessage());
                    continue;
                }
                before.add(was);
                after.add(now);
                pending.put(e.id(), now);
                if (now != was) {
                    boolean moved = now.state() != was.state();
                    updates.add(new JobStore.Update(now, moved));
                    durable |= endsJob(moved, now);
                }
            }
            java.util.Set<JobId> endedBefore = store().updateAll(updates, durable);
            for (int i = 0; i < after.size(); i++) {
                if (endedBefore.contains(after.get(i).id())) {
                    after.set(i, endedBefore(after.get(i)));
                } else if (after.get(i) != before.get(i)) {
                    publish(before.get(i), after.get(i));
                }
            }
            return after;
        }
    }

    /**
     * A move into a final state that only the store would remember: it is announced at once, so
     * it must be on disk first. A job that COMPLETED or FAILED with the exit code its wrapper
     * wrote is the exception, and the common case: a restart reads that file again and comes to
     * the same end (the event may then go twice, with the same id), so it needs no flush of its
     * own. A cancel, a time limit, a lost job, a failed dependency, a death by signal have no such
     * file.
     */
    static boolean endsJob(boolean moved, JobRecord after) {
        if (!moved || !after.state().isFinal()) {
            return false;
        }
        boolean byExitCode = (after.state() == JobState.COMPLETED || after.state() == JobState.FAILED)
                && after.exitCode() != null && after.workDir() != null;
        return !(byExitCode && java.nio.file.Files.exists(io.muster.job.JobFiles.of(after).exitCode()));
    }

    /** The edited record, or {@code before} itself if the edit changes nothing or makes a move ignored. */
    private static JobRecord edited(JobRecord before, UnaryOperator<JobRecord> edit) {
        JobRecord after = edit.apply(before);
        if (after == before || after.equals(before)) {
            return before;
        }
        if (after.state() != before.state()) {
            try {
                JobState.checkMove(before.state(), after.state());
            } catch (IllegalStateTransitionException e) {
                if (before.state().isFinal()) {
                    LOG.fine(() -> "job " + before.id() + ": ignoring " + e.getMessage());
                    return before;
                }
                throw e;
            }
        }
        return after;
    }

    private void publish(JobRecord before, JobRecord after) {
        if (after.state().isFinal()) {
            live.remove(after.id());
        } else {
            live.put(after.id(), after);
        }
        if (after.state() != before.state()) {
            announce(new JobChanged(after, before.state()));
        }
    }

    /**
     * Tells every observer of the change, each on its own. The change is stored already, so an
     * observer that throws is logged and the others are still told. CDI's own {@code fire} would
     * stop at the first failure and throw to the writer, which then took a stored change for a
     * failed one: a submission rolled back after its job was stored was never dispatched (its
     * redelivery finds the job stored, and dispatches only jobs it stored itself), and an end
     * left unannounced until the next start.
     */
    private void announce(JobChanged change) {
        for (ObserverMethod<? super JobChanged> observer : observers()) {
            try {
                observer.notify(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "job " + change.job().id() + ": " + observer.getBeanClass().getName()
                        + " failed on its move to " + change.job().state() + "; the move stands", e);
            }
        }
    }

    private List<ObserverMethod<? super JobChanged>> observers() {
        List<ObserverMethod<? super JobChanged>> o = observers;
        if (o == null) {
            if (beans == null) {
                return List.of(); // made outside a container (a unit test): nobody to tell
            }
            List<ObserverMethod<? super JobChanged>> sorted = new ArrayList<>(beans.resolveObserverMethods(
                    new JobChanged(null, null)));
            sorted.sort(java.util.Comparator.comparingInt(ObserverMethod::getPriority));
            observers = o = List.copyOf(sorted);
        }
        return o;
    }

    /**
     * A job the store holds as ended already, by another server (this one was taken for dead while
     * it ran, and its jobs were ended or taken over): its end stands, nothing is announced, and
     * this server forgets it. Returns the stored record.
     */
    private JobRecord endedBefore(JobRecord refused) {
        live.remove(refused.id());
        JobRecord stored = store().find(refused.id()).orElse(refused);
        LOG.warning(() -> "job " + refused.id() + " had ended already (" + stored.state() + ", by another server):"
                + " its move to " + refused.state() + " here is not applied");
        return stored;
    }

    /** How many jobs are held in memory as not yet ended. */
    public int liveCount() {
        return live.size();
    }
}
