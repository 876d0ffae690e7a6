package io.muster.batch;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.api.Violation;
import io.muster.batch.dispatch.Dispatcher;
import io.muster.job.JobRecord;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerException;
import io.muster.scheduler.Schedulers;
import io.muster.tracking.JobChanged;
import io.muster.tracking.JobLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs jobs without JMS: stores a checked job as ACCEPTED, queues it for the
 * {@link Dispatcher}, and hands out a future of its final record. The submission listener and the {@code clusterJob}
 * batchlet both come through here, so a job from a flow is the same kind of job as one from a
 * message: same checks, same events, same store.
 *
 * <p>Futures are completed from {@link JobChanged} (the lifecycle fires it after the store holds
 * the final state), so waiting for a job costs no polling and no thread of its own.
 */
@ApplicationScoped
public class JobLauncher {

    /** A submission after checking: a job ready to store, or every reason it cannot be one. */
    public record Checked(JobRecord job, List<Violation> violations) {
        public Checked {
            violations = violations == null ? List.of() : List.copyOf(violations);
        }

        public boolean accepted() {
            return job != null;
        }
    }

    @Inject
    JobLifecycle lifecycle;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Schedulers schedulers;

    /** The rules a submission body (JSON, as on {@code muster.submit}) is checked with. */
    @FunctionalInterface
    public interface Rules {
        Checked check(String submissionJson);
    }

    /** The server's own rules, those its listener uses: a flow's job is accepted or refused as a message would be. */
    @Inject
    Provider<Rules> rules;
    @Inject
    Provider<io.muster.store.Database> database;

    private final Map<JobId, CompletableFuture<JobRecord>> waiting = new ConcurrentHashMap<>();
    /**
     * How often the store is asked about the jobs waited for, on a database servers may share: a
     * job another server follows (it took the job over, or runs the host's pool it asked for) ends
     * without an event in this process. The jobs this server follows end through their events, at
     * once; on a database no other server opens, they are all of them, so the store is not asked.
     */
    static final long STORE_CHECK_SECONDS = 5;
    private java.util.concurrent.ScheduledExecutorService storeCheck;

    public Checked check(String submissionJson) {
        return rules.get().check(submissionJson);
    }

    /** The job stored for a request id, if any. */
    public Optional<JobRecord> find(String requestId) {
        return lifecycle.store().findByRequestId(requestId);
    }

    /** Stores a checked job (or finds the one with the same request id). */
    public JobRecord accept(JobRecord job) {
        return lifecycle.accept(job);
    }

    /** Stores checked jobs with one durable transaction (see {@link JobLifecycle#acceptAll}). */
    public List<JobRecord> acceptAll(List<JobRecord> jobs) {
        return lifecycle.acceptAll(jobs);
    }

    /** As {@link #acceptAll(List)}, each with the broker's id of its message (see {@link JobLifecycle#acceptAll(List, List)}). */
    public List<JobRecord> acceptAll(List<JobRecord> jobs, List<String> messageIds) {
        return lifecycle.acceptAll(jobs, messageIds);
    }

    /** Queues accepted jobs for their backends, in the order given; others are left as they are. */
    public void start(List<JobRecord> jobs) {
        dispatcher.dispatch(jobs);
    }

    public void start(JobRecord job) {
        start(List.of(job));
    }

    /** Accepts and starts a job; the future completes with its final record. */
    public CompletableFuture<JobRecord> submit(JobRecord job) {
        JobRecord stored = accept(job);
        CompletableFuture<JobRecord> end = whenEnded(stored.id());
        start(stored);
        return end;
    }

    /** Completes with the job's final record (at once if it has ended already). */
    public CompletableFuture<JobRecord> whenEnded(JobId id) {
        checkTheStoreToo();
        CompletableFuture<JobRecord> end = waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
        // registered before looking, so an end between the two is not missed
        JobRecord now = lifecycle.get(id);
        if (now.state().isFinal()) {
            finished(now);
        }
        return end.copy();
    }

    void onChange(@Observes JobChanged change) {
        if (change.job().state().isFinal()) {
            finished(change.job());
        }
    }

    private synchronized void checkTheStoreToo() {
        if (storeCheck != null || !database.get().shared()) {
            return;
        }
        storeCheck = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "muster-flow-jobs");
            t.setDaemon(true);
            return t;
        });
        storeCheck.scheduleWithFixedDelay(this::endedInTheStore, STORE_CHECK_SECONDS, STORE_CHECK_SECONDS,
                java.util.concurrent.TimeUnit.SECONDS);
    }

    private void endedInTheStore() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            for (JobId id : List.copyOf(waiting.keySet())) {
                lifecycle.store().find(id).filter(j -> j.state().isFinal()).ifPresent(this::finished);
            }
        } catch (RuntimeException e) {
            // no server running (stopping, or between two runs): the next check asks again
        }
    }

    @jakarta.annotation.PreDestroy
    synchronized void stopCheckingTheStore() {
        if (storeCheck != null) {
            storeCheck.shutdownNow();
            storeCheck = null;
        }
    }

    private void finished(JobRecord job) {
        CompletableFuture<JobRecord> end = waiting.remove(job.id());
        if (end != null) {
            end.complete(job);
        }
    }

    /**
     * Ends a job that has not ended: a job not yet handed to its backend is CANCELLED at once (the
     * dispatcher then skips it), a submitted one is cancelled on its backend, which reports the end.
     */
    public void cancel(JobId id, String why) throws SchedulerException {
        JobRecord[] seen = new JobRecord[1];
        lifecycle.change(id, job -> {
            seen[0] = job;
            return job.state().isFinal() || job.schedulerId() != null ? job : job.withState(JobState.CANCELLED, why);
        });
        JobRecord job = seen[0];
        if (job.state().isFinal() || job.schedulerId() == null) {
            return;
        }
        Scheduler scheduler = schedulers.find(job.backend()).orElse(null);
        if (scheduler != null) {
            scheduler.cancel(List.of(job.schedulerId()));
        }
    }
}
