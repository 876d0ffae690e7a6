package io.muster.scheduler.local;

import io.muster.api.JobState;
import io.muster.api.Violation;
import io.muster.job.JobFiles;
import io.muster.job.Placement;
import io.muster.options.JobOptions;
import io.muster.scheduler.ExitCodes;
import io.muster.scheduler.Handover;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerException;
import io.muster.scheduler.SchedulerStatus;
import io.muster.scheduler.StatusListener;
import io.muster.scheduler.WrapperScript;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local core pool: a scheduler for one machine, which behaves like a small Slurm.
 *
 * <ul>
 *   <li><b>Accounting.</b> A job holds {@code cores} cores (default 1) and {@code mem} MB of
 *       memory while it runs; the pool never hands out more than it has. A job that asks for
 *       no memory is accounted as {@value #DEFAULT_MEM_MB} MB: it is not limited by the memory
 *       account (as Slurm without a default memory per CPU). {@link #check} refuses at
 *       validation a job that could never fit ({@link PoolAccount}).</li>
 *   <li><b>Order.</b> First come first served, by job id (the order Muster accepted the jobs
 *       in), with EASY backfill ({@link StartOrder}, {@link Backfill}): a later job
 *       starts ahead of a waiting one only if that does not delay the waiting one's reserved
 *       start. A job's estimate is its {@code time}; a job without one is estimated at
 *       {@link #DEFAULT_ESTIMATE} (and is not killed at it).</li>
 *   <li><b>Dependencies.</b> Ids of this pool (the Muster job ids). afterok: a job waits until
 *       all of them completed, and ends DEPENDENCY_FAILED as soon as one ends otherwise;
 *       afterany: it waits until all of them ended. An id the pool does not know is asked of
 *       the {@link DependencyStates} (the job store, after a restart) and is otherwise a
 *       dependency that can never be met ({@link Dependencies}).</li>
 *   <li><b>Processes.</b> Each job runs as {@code bash wrapper.sh} in a session of its own
 *       ({@code setsid}), started by a {@link Spawner}. Cancel and timeout send TERM to the
 *       whole process group (the job's children too), then KILL after {@link #KILL_GRACE}.
 *       The states are CANCELLED and TIMEOUT ({@link Termination}); how a job ended is
 *       {@link Settlement}'s.</li>
 *   <li><b>Restarts.</b> Job processes do not belong to the server: they survive it. A new
 *       server hands each unfinished job to {@link #reattach}, which finds it again through its
 *       exit-code and pid files ({@link JobProcesses}); a job whose process is gone without an
 *       exit code ends LOST. A spawner that dies is replaced ({@link Spawners}), its jobs watched.</li>
 * </ul>
 *
 * <p>A job's place in all this is one value, {@link JobPhase}. States reach the
 * {@link StatusListener} from one thread, in the order they happened.
 */
public class LocalScheduler implements Scheduler {

    private static final Logger LOG = Logger.getLogger(LocalScheduler.class.getName());

    public static final String NAME = "local";
    /** The estimate of a job without a {@code time}, as fyrd's DEFAULT profile's wall time. */
    public static final Duration DEFAULT_ESTIMATE = Duration.ofHours(4);
    /** Memory accounted to a job that asks for none. */
    public static final long DEFAULT_MEM_MB = 0;
    /** Time between TERM and KILL when a job is cancelled or timed out. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** How often the group of a job whose wrapper ended before the rest of it is looked at. */
    static final Duration REAP_INTERVAL = Duration.ofMillis(100);
    /** How often processes the pool did not start itself (re-attached ones) are looked at. */
    static final Duration WATCH_INTERVAL = Duration.ofMillis(200);
    /** Ended jobs whose status the pool keeps for {@link #status} and for dependants. */
    static final int ENDED_KEPT = 50_000;

    /** Where the pool asks for the state of a dependency it does not know (after a restart). */
    @FunctionalInterface
    public interface DependencyStates {
        Optional<JobState> stateOf(String schedulerId);
    }

    private final PoolAccount account;
    /** The host's name, as {@code local.host} gives it (local@HOST). */
    private final String host;
    private final boolean jvmSpawner;
    private final Map<String, PoolJob> live = new HashMap<>();
    /**
     * Waiting jobs by id: Muster's ids increase in the order jobs were accepted, so this is first
     * come, first served by submission, not by which job's batch run reached the pool first.
     */
    private final Map<String, PoolJob> queue = new java.util.TreeMap<>();
    private final Map<Long, PoolJob> byPid = new HashMap<>();
    private final Dependencies dependencies = new Dependencies();
    private final Map<String, SchedulerStatus> ended = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SchedulerStatus> eldest) {
            return size() > ENDED_KEPT;
        }
    };
    private Spawner spawner;
    private ScheduledFuture<?> watcher;
    private boolean closed;

    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> daemon(r, "muster-local-events"));
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1,
            r -> daemon(r, "muster-local-timer"));
    private final Termination termination = new Termination(timers, this::spawner, KILL_GRACE);
    private volatile StatusListener listener = (id, status) -> { };
    private volatile DependencyStates dependencyStates = id -> Optional.empty();
    /** Whether the pool may start jobs now: not while its server's lease may have run out (see {@link #setStartGate}). */
    private volatile java.util.function.BooleanSupplier mayStart = () -> true;

    /**
     * Set to {@code jvm} to start every job from the JVM even where Perl is available (to compare,
     * or to rule the Perl spawner out when looking for a fault).
     */
    public static final String SPAWNER_PROPERTY = "muster.local.spawner";

    /**
     * A pool of {@code cores} cores and {@code memoryMb} MB, starting jobs the fastest way
     * available here (see {@link #SPAWNER_PROPERTY}).
     */
    public LocalScheduler(int cores, long memoryMb) {
        this(cores, memoryMb, hostName());
    }

    /** A pool on the host a server names {@code host} ({@code local.host}): its jobs show that node. */
    public LocalScheduler(int cores, long memoryMb, String host) {
        this(cores, memoryMb, "jvm".equals(System.getProperty(SPAWNER_PROPERTY)), host);
    }

    LocalScheduler(int cores, long memoryMb, boolean jvmSpawner) {
        this(cores, memoryMb, jvmSpawner, hostName());
    }

    /**
     * @param jvmSpawner true to start every job from the JVM ({@link ProcessSpawner}) even where
     *                   the faster {@link PerlSpawner} could run
     */
    private LocalScheduler(int cores, long memoryMb, boolean jvmSpawner, String host) {
        this.account = new PoolAccount(cores, memoryMb);
        this.jvmSpawner = jvmSpawner;
        this.host = host;
        timers.setRemoveOnCancelPolicy(true);
        this.spawner = Spawners.start(jvmSpawner, new SpawnerEvents());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(JobOptions options) {
        return account.check(options);
    }

    @Override
    public String submit(JobSubmission job) throws SchedulerException {
        return submit(job, true);
    }

    /**
     * Runs a job on the pool and returns the future of its final status, without telling the
     * {@link StatusListener}: the way to run work on the pool's slots that is not a Muster job
     * of its own, such as the partitions of a partitioned step fanned out locally (at most as
     * many run at once as the cores allow, the rest wait their turn like any job).
     */
    public CompletableFuture<SchedulerStatus> run(JobSubmission job) throws SchedulerException {
        return completion(submit(job, false));
    }

    private String submit(JobSubmission job, boolean reported) throws SchedulerException {
        prepare(job);
        List<PoolJob> toStart;
        synchronized (this) {
            take(job, reported);
            toStart = dispatch();
        }
        spawn(toStart);
        return job.id().value();
    }

    /**
     * Takes a chunk of jobs under one lock and plans the starts once: the wrappers are written
     * first, outside the lock, so a burst of jobs costs one dispatch, not one per job.
     */
    @Override
    public List<Handover> submitAll(List<JobSubmission> jobs) {
        Handover[] out = new Handover[jobs.size()];
        List<Integer> ready = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            try {
                prepare(jobs.get(i));
                ready.add(i);
            } catch (SchedulerException e) {
                out[i] = Handover.refused(jobs.get(i), e);
            }
        }
        List<PoolJob> toStart;
        synchronized (this) {
            for (int i : ready) {
                JobSubmission job = jobs.get(i);
                try {
                    take(job, true);
                    out[i] = Handover.taken(job, job.id().value());
                } catch (SchedulerException e) {
                    out[i] = Handover.refused(job, e);
                }
            }
            toStart = dispatch();
        }
        spawn(toStart);
        return List.of(out);
    }

    /** Checks a job against the pool and writes its wrapper. */
    private void prepare(JobSubmission job) throws SchedulerException {
        List<Violation> violations = check(job.options());
        if (!violations.isEmpty()) {
            throw new SchedulerException(violations.get(0).message());
        }
        JobFiles files = job.files();
        if (!PerlSpawner.usable(files.dir(), files.wrapper())) {
            throw new SchedulerException("the job directory " + files.dir() + " holds a tab or a newline");
        }
        try {
            WrapperScript.write(job, List.of());
        } catch (IOException e) {
            throw new SchedulerException("cannot write the wrapper of job " + job.id() + ": " + e.getMessage());
        }
    }

    /** Adds a prepared job to the pool; the caller holds the lock and dispatches. */
    private void take(JobSubmission job, boolean reported) throws SchedulerException {
        if (closed) {
            throw new SchedulerException("the local pool is closed");
        }
        if (live.containsKey(job.id().value())) {
            throw new SchedulerException("job " + job.id() + " is already in the local pool");
        }
        enqueue(new PoolJob(job, reported));
    }

    /**
     * A started job leaves its pid and exit-code files, found at the next start; one still waiting
     * in the pool died with the server and is handed over again, once.
     */
    @Override
    public boolean findsUnrecordedHandovers() {
        return true;
    }

    /** Re-attaches the jobs an earlier server handed to this pool (see {@link #reattach}). */
    @Override
    public void adopt(List<Handover> handedOver) {
        reattach(handedOver.stream().map(Handover::job).toList());
    }

    /**
     * The final status of a job of this pool, when it comes. Completed exceptionally with
     * {@link NoSuchElementException} for an id the pool does not know.
     */
    public synchronized CompletableFuture<SchedulerStatus> completion(String id) {
        PoolJob job = live.get(id);
        if (job != null) {
            return job.end;
        }
        SchedulerStatus status = ended.get(id);
        return status != null ? CompletableFuture.completedFuture(status)
                : CompletableFuture.failedFuture(new NoSuchElementException("job " + id + " is not known to the local pool"));
    }

    /** Adds a new job, waiting for its dependencies or queued; the caller dispatches. */
    private void enqueue(PoolJob job) {
        live.put(job.id, job);
        queue.put(job.id, job);
        job.phase = JobPhase.QUEUED;
        Optional<String> failed = dependencies.register(job, live::containsKey,
                dependency -> Optional.ofNullable(ended.get(dependency)).map(SchedulerStatus::state)
                        .or(() -> dependencyStates.stateOf(dependency)));
        notify(job, new SchedulerStatus(JobState.QUEUED, null,
                job.pendingDependencies.isEmpty() ? null : "waiting for " + job.pendingDependencies, null, null));
        if (failed.isPresent()) {
            endWithoutRunning(job, JobState.DEPENDENCY_FAILED, failed.get());
        } else if (!job.pendingDependencies.isEmpty()) {
            job.phase = JobPhase.WAITING;
        }
    }

    /** Picks the jobs to start now and marks them STARTING; the caller spawns them outside the lock. */
    private List<PoolJob> dispatch() {
        if (queue.isEmpty() || !account.hasFreeCores() || closed || !mayStart.getAsBoolean()) {
            return List.of();
        }
        return StartOrder.pick(queue.values(), account, this::markStarting, Instant.now());
    }

    private void markStarting(PoolJob job) {
        queue.remove(job.id);
        account.hold(job);
        job.phase = job.phase.starting();
    }

    private void spawn(List<PoolJob> jobs) {
        for (PoolJob job : jobs) {
            JobFiles files = job.job.files();
            try {
                spawner().start(job.id, files.pid(), files.dir(), files.wrapper());
            } catch (RuntimeException e) {
                failedToStart(job.id, "cannot start: " + e.getMessage());
            }
        }
    }

    private synchronized Spawner spawner() {
        return spawner;
    }

    /** What the spawner reports, turned into state changes. */
    private final class SpawnerEvents implements Spawner.Events {
        @Override
        public void started(String token, long pid) {
            boolean cancelNow;
            synchronized (LocalScheduler.this) {
                PoolJob job = live.get(token);
                if (closed || job == null || !job.is(JobPhase.Stage.STARTING)) {
                    return;
                }
                running(job, pid, Instant.now(), false);
                cancelNow = job.phase.isEnding();
            }
            if (cancelNow) {
                terminate(token, pid);
            }
        }

        @Override
        public void failed(String token, String why) {
            failedToStart(token, why);
        }

        @Override
        public void exited(long pid, Integer exitCode, Integer signal) {
            List<PoolJob> next;
            synchronized (LocalScheduler.this) {
                PoolJob job = byPid.get(pid);
                if (closed || job == null || job.phase.watched()) {
                    return;
                }
                if (outlivedItsWrapper(job)) {
                    awaitGroup(job, exitCode, signal);
                    return;
                }
                finishRunning(job, exitCode, signal, false);
                next = dispatch();
            }
            spawn(next);
        }

        @Override
        public void lost(String why) {
            spawnerLost(why);
        }
    }

    private void running(PoolJob job, long pid, Instant started, boolean watched) {
        job.pid = pid;
        job.started = started;
        job.phase = job.phase.running(watched);
        byPid.put(pid, job);
        if (job.limit != null) {
            job.timer = termination.limit(started, job.limit, () -> timeout(job.id));
        }
        if (watched) {
            watchProcesses();
        }
        notify(job, new SchedulerStatus(JobState.RUNNING, null, null, started, null).placed(placement(job)));
    }

    /** This host, one node, the job's cores: what the queue view shows of a local job. No partitions here. */
    private Placement placement(PoolJob job) {
        return new Placement(null, host, 1, job.cores);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private void failedToStart(String token, String why) {
        List<PoolJob> next;
        synchronized (this) {
            PoolJob job = live.get(token);
            if (job == null || !job.is(JobPhase.Stage.STARTING)) {
                return;
            }
            release(job);
            end(job, new SchedulerStatus(job.phase.ending() == JobPhase.Ending.CANCEL ? JobState.CANCELLED
                    : JobState.FAILED, null, why, null, Instant.now()));
            next = dispatch();
        }
        spawn(next);
    }

    /**
     * True if processes of the job's group outlive its wrapper while the job is being ended
     * (cancel, time limit: they ignored TERM) or while its wrapper ended without recording an
     * exit code (killed by hand, or out of memory): the job is not over until they are gone. A
     * job that recorded its exit code and left something in the background is over as before.
     */
    private boolean outlivedItsWrapper(PoolJob job) {
        return (job.phase.isEnding() || !Files.exists(job.job.files().exitCode())) && ProcessGroups.alive(job.pid);
    }

    /**
     * Keeps the job's slot until nothing of its group is left: a job being ended gets its KILL
     * from {@link Termination} at the end of the grace; any other gets it now, since nothing runs
     * outside the pool's accounting. Then it ends as its wrapper's end says.
     */
    private void awaitGroup(PoolJob job, Integer exitCode, Integer signal) {
        job.wrapperExitCode = exitCode;
        job.wrapperSignal = signal;
        if (!job.phase.isEnding()) {
            killLeftovers(job);
        }
        if (job.reaper == null) {
            job.reaper = timers.scheduleWithFixedDelay(() -> reap(job.id), REAP_INTERVAL.toMillis(),
                    REAP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void killLeftovers(PoolJob job) {
        if (!job.leftoversKilled) {
            job.leftoversKilled = true;
            LOG.info(() -> "job " + job.id + ": its wrapper ended without an exit code; killing what is left of its"
                    + " process group " + job.pid);
            spawner().signalGroup(job.pid, "KILL");
        }
    }

    /** Ends a job whose wrapper ended before its group did, once the group is gone. */
    private void reap(String id) {
        List<PoolJob> next;
        synchronized (this) {
            PoolJob job = live.get(id);
            if (closed || job == null || job.reaper == null || ProcessGroups.alive(job.pid)) {
                return;
            }
            finishRunning(job, job.wrapperExitCode, job.wrapperSignal, false);
            next = dispatch();
        }
        spawn(next);
    }

    /**
     * Settles how a started job ended: cancelled, timed out, or as its exit-code file says.
     * {@code watchedItGo}: the pool watched the process (not its spawner's) and saw it go.
     */
    private void finishRunning(PoolJob job, Integer waitExitCode, Integer signal, boolean watchedItGo) {
        JobFiles files = job.job.files();
        Optional<Integer> recorded = ExitCodes.read(files);
        Instant endedAt = Instant.now();
        if (job.phase.watched() && recorded.isPresent()) {
            endedAt = JobProcesses.modified(files.exitCode()).orElse(endedAt);
        } else if (job.phase.watched() && !watchedItGo) {
            // found gone at a restart, with no exit code: it ended while no server looked, so the
            // restart's time would be no end of its; the last write of its files is the best evidence
            endedAt = JobProcesses.lastWritten(files).filter(t -> job.started == null || !t.isBefore(job.started))
                    .orElse(job.started != null ? job.started : endedAt);
        }
        release(job);
        // the end says where it ran too: a short job's RUNNING can reach the store in one batch with it
        end(job, Settlement.of(job.phase.ending(), job.limit, recorded, waitExitCode, signal, job.pid, job.started,
                endedAt, watchedItGo, job.leftoversKilled).placed(placement(job)));
    }

    private void release(PoolJob job) {
        account.release(job);
        if (job.pid != 0) {
            byPid.remove(job.pid, job);
        }
        if (job.timer != null) {
            job.timer.cancel(false);
        }
        if (job.reaper != null) {
            job.reaper.cancel(false);
            job.reaper = null;
        }
    }

    private void endWithoutRunning(PoolJob job, JobState state, String reason) {
        queue.remove(job.id);
        end(job, new SchedulerStatus(state, null, reason, null, Instant.now()));
    }

    /** Records a final status, tells the listener, and settles the jobs that depend on this one. */
    private void end(PoolJob job, SchedulerStatus status) {
        live.remove(job.id);
        dependencies.forget(job);
        ended.put(job.id, status);
        notify(job, status);
        dependencies.ended(job.id, status, live::containsKey,
                (dependant, why) -> endWithoutRunning(dependant, JobState.DEPENDENCY_FAILED, why),
                dependant -> {
                    if (dependant.is(JobPhase.Stage.WAITING)) {
                        dependant.phase = JobPhase.QUEUED;
                    }
                });
    }

    private void notify(PoolJob job, SchedulerStatus status) {
        if (closed) {
            return;
        }
        StatusListener target = job.reported ? listener : null;
        notifier.execute(() -> {
            try {
                if (target != null) {
                    target.onStatus(job.id, status);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "job " + job.id + ": the listener failed on " + status.state(), e);
            }
            if (status.state().isFinal()) {
                job.end.complete(status);
            }
        });
    }

    @Override
    public synchronized Map<String, SchedulerStatus> status(Collection<String> ids) {
        Map<String, SchedulerStatus> out = new LinkedHashMap<>();
        for (String id : ids) {
            PoolJob job = live.get(id);
            if (job != null) {
                out.put(id, switch (job.phase.stage()) {
                    case WAITING -> new SchedulerStatus(JobState.QUEUED, null, "waiting for " + job.pendingDependencies,
                            null, null);
                    case QUEUED, STARTING -> SchedulerStatus.of(JobState.QUEUED);
                    case RUNNING -> new SchedulerStatus(JobState.RUNNING, null, null, job.started, null)
                            .placed(placement(job));
                });
            } else if (ended.containsKey(id)) {
                out.put(id, ended.get(id));
            } else {
                out.put(id, SchedulerStatus.unknown("not known to the local pool"));
            }
        }
        return out;
    }

    @Override
    public void cancel(Collection<String> ids) {
        List<PoolJob> next;
        Map<String, Long> toTerminate = new LinkedHashMap<>();
        synchronized (this) {
            for (String id : ids) {
                PoolJob job = live.get(id);
                if (job == null) {
                    continue;
                }
                switch (job.phase.stage()) {
                    case WAITING, QUEUED -> endWithoutRunning(job, JobState.CANCELLED, "cancelled while queued");
                    case STARTING -> job.phase = job.phase.endingBy(JobPhase.Ending.CANCEL);
                    case RUNNING -> {
                        if (!job.phase.isEnding()) {
                            job.phase = job.phase.endingBy(JobPhase.Ending.CANCEL);
                            toTerminate.put(id, job.pid);
                        }
                    }
                }
            }
            next = dispatch();
        }
        toTerminate.forEach(this::terminate);
        spawn(next);
    }

    private void timeout(String id) {
        long pid;
        synchronized (this) {
            PoolJob job = live.get(id);
            if (job == null || !job.is(JobPhase.Stage.RUNNING) || job.phase.isEnding()) {
                return;
            }
            job.phase = job.phase.endingBy(JobPhase.Ending.TIMEOUT);
            pid = job.pid;
        }
        terminate(id, pid);
    }

    /**
     * TERM to the job's process group now, KILL later unless the whole group is gone: its wrapper
     * may have died of the TERM while a command that ignores TERM goes on (the job keeps its slot
     * until the group is gone, see {@link #awaitGroup}).
     */
    private void terminate(String id, long pid) {
        termination.terminate(pid, p -> {
            synchronized (this) {
                PoolJob job = live.get(id);
                return job != null && job.pid == p && job.is(JobPhase.Stage.RUNNING) && ProcessGroups.alive(p);
            }
        });
    }

    /**
     * Takes back the jobs a previous server gave this pool, after a restart, oldest first: ended
     * (the exit-code file says how), still running (the pid file names a live process, watched
     * from now on), gone without an exit code (LOST), or never started (queued again, in the
     * order given). All are accounted before any waiting job is started.
     */
    public void reattach(Collection<JobSubmission> jobs) {
        List<PoolJob> next;
        synchronized (this) {
            List<PoolJob> neverStarted = new ArrayList<>();
            Map<Adopted, Integer> counts = new java.util.EnumMap<>(Adopted.class);
            for (JobSubmission job : jobs) {
                String id = job.id().value();
                if (live.containsKey(id) || ended.containsKey(id)) {
                    continue;
                }
                PoolJob pj = new PoolJob(job, true);
                Adopted outcome = adopt(pj);
                counts.merge(outcome, 1, Integer::sum);
                if (outcome == Adopted.NEVER_STARTED) {
                    neverStarted.add(pj);
                }
            }
            neverStarted.forEach(this::requeue);
            if (!counts.isEmpty()) {
                LOG.info(() -> "local pool took back " + counts.values().stream().mapToInt(Integer::intValue).sum()
                        + " jobs: " + counts.getOrDefault(Adopted.ENDED, 0) + " had ended (their exit codes read), "
                        + counts.getOrDefault(Adopted.RUNNING, 0) + " still run (watched from now on), "
                        + counts.getOrDefault(Adopted.GONE, 0) + " were gone without an exit code, "
                        + counts.getOrDefault(Adopted.NEVER_STARTED, 0) + " had not started (queued again, in order)");
            }
            next = dispatch();
        }
        spawn(next);
    }

    /**
     * Takes back jobs whose cancel a previous server accepted but did not see through (it kept the
     * cancel in memory only, then died): they are cancelled now. One that never started ends
     * CANCELLED without starting; one still running is terminated as by {@link #cancel}; one that
     * ended meanwhile ends CANCELLED, as it would have had that server lived.
     */
    public void reattachCancelled(Collection<JobSubmission> jobs) {
        Map<String, Long> toTerminate = new LinkedHashMap<>();
        List<PoolJob> next;
        synchronized (this) {
            for (JobSubmission job : jobs) {
                String id = job.id().value();
                if (live.containsKey(id) || ended.containsKey(id)) {
                    continue;
                }
                PoolJob pj = new PoolJob(job, true);
                pj.phase = JobPhase.QUEUED.endingBy(JobPhase.Ending.CANCEL);
                if (!adoptStarted(pj)) {
                    live.put(pj.id, pj);
                    end(pj, new SchedulerStatus(JobState.CANCELLED, null, "cancelled while queued (the cancel was"
                            + " accepted before the server restarted)", null, Instant.now()));
                } else if (live.containsKey(id)) {
                    toTerminate.put(id, pj.pid);
                }
            }
            next = dispatch();
        }
        toTerminate.forEach(this::terminate);
        spawn(next);
    }

    /** What a restart found of a job it took back. */
    private enum Adopted { ENDED, RUNNING, GONE, NEVER_STARTED }

    /** Takes back a job that left a pid or an exit code: ended, or running and watched from now on. */
    private boolean adoptStarted(PoolJob pj) {
        return adopt(pj) != Adopted.NEVER_STARTED;
    }

    private Adopted adopt(PoolJob pj) {
        JobFiles files = pj.job.files();
        Optional<Long> pid = JobProcesses.readPid(files.pid());
        Optional<Integer> exitCode = ExitCodes.read(files);
        if (exitCode.isEmpty() && pid.isEmpty()) {
            return Adopted.NEVER_STARTED;
        }
        live.put(pj.id, pj);
        account.hold(pj);
        Instant started = ExitCodes.readEpoch(files.started())
                .orElseGet(() -> JobProcesses.modified(files.pid()).orElse(Instant.now()));
        running(pj, pid.orElse(0L), started, true);
        if (exitCode.isPresent()) {
            finishRunning(pj, null, null, false);
            return Adopted.ENDED;
        }
        if (!JobProcesses.ours(pid.orElse(0L), files)) {
            finishRunning(pj, null, null, false);
            return Adopted.GONE;
        }
        return Adopted.RUNNING;
    }

    /** Queues a handed-over job that never started, with its wrapper written anew. */
    private void requeue(PoolJob pj) {
        try {
            WrapperScript.write(pj.job, List.of());
        } catch (IOException e) {
            live.put(pj.id, pj);
            end(pj, new SchedulerStatus(JobState.FAILED, null, "cannot write the wrapper: " + e.getMessage(),
                    null, Instant.now()));
            return;
        }
        enqueue(pj);
    }

    /** Starts looking at the watched jobs' processes, unless the pool already does. */
    private void watchProcesses() {
        if (watcher == null) {
            watcher = timers.scheduleWithFixedDelay(this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Looks at the watched jobs: an exit-code file, or a process gone, ends them. */
    private void watch() {
        List<PoolJob> next;
        synchronized (this) {
            boolean any = false;
            for (PoolJob job : List.copyOf(account.holders())) {
                if (!job.phase.watched() || !job.is(JobPhase.Stage.RUNNING)) {
                    continue;
                }
                any = true;
                boolean recorded = Files.exists(job.job.files().exitCode());
                if (!recorded && JobProcesses.ours(job.pid, job.job.files())) {
                    continue;
                }
                if ((job.phase.isEnding() || !recorded) && ProcessGroups.alive(job.pid)) {
                    // its wrapper is gone, not its group: killed now, or by the cancel's KILL; looked at again next time
                    if (!job.phase.isEnding()) {
                        killLeftovers(job);
                    }
                    continue;
                }
                finishRunning(job, null, null, true);
            }
            if (!any && watcher != null) {
                watcher.cancel(false);
                watcher = null;
            }
            next = dispatch();
        }
        spawn(next);
    }

    /** The spawner died: its jobs are watched like re-attached ones, and a new spawner takes over. */
    private void spawnerLost(String why) {
        List<PoolJob> next;
        synchronized (this) {
            if (closed) {
                return; // a spawner ending while the pool closes is no news
            }
            LOG.severe(() -> "local pool: " + why + "; watching its jobs and starting a new spawner");
            for (PoolJob job : List.copyOf(account.holders())) {
                if (job.is(JobPhase.Stage.RUNNING)) {
                    job.phase = job.phase.watchedFromNow();
                } else if (job.is(JobPhase.Stage.STARTING)) {
                    Optional<Long> pid = JobProcesses.readPid(job.job.files().pid());
                    if (pid.isPresent()) {
                        running(job, pid.get(), Instant.now(), true);
                    } else {
                        release(job);
                        end(job, new SchedulerStatus(JobState.FAILED, null, "the spawner died before starting it",
                                null, Instant.now()));
                    }
                }
            }
            watchProcesses();
            spawner = Spawners.start(jvmSpawner, new SpawnerEvents());
            next = dispatch();
        }
        spawn(next);
    }

    public int cores() {
        return account.cores();
    }

    public long memoryMb() {
        return account.memoryMb();
    }

    public synchronized int busyCores() {
        return account.busyCores();
    }

    public synchronized long busyMemoryMb() {
        return account.busyMemMb();
    }

    /**
     * Starts jobs only while {@code gate} says so: a server sharing its database lets its pool start
     * nothing while its lease may have run out (it was paused, say), since another server may have
     * taken its waiting jobs over and started them; {@link #resumeStarting} once it may again.
     */
    public void setStartGate(java.util.function.BooleanSupplier gate) {
        mayStart = gate;
    }

    /** Starts what may start now: after the start gate opened again. */
    public void resumeStarting() {
        List<PoolJob> next;
        synchronized (this) {
            next = dispatch();
        }
        spawn(next);
    }

    /** The pool ids of the jobs that wait here and have not started (for their dependencies or for room). */
    public synchronized List<String> notStarted() {
        return live.values().stream().filter(j -> j.is(JobPhase.Stage.WAITING) || j.is(JobPhase.Stage.QUEUED))
                .map(j -> j.id).toList();
    }

    /**
     * Lets go of waiting jobs without ending them or telling the listener: another server took them
     * over while this one was taken for dead, and runs them now. Started ones are not let go of.
     */
    public synchronized void release(Collection<String> ids) {
        for (String id : ids) {
            PoolJob job = live.get(id);
            if (job == null || !(job.is(JobPhase.Stage.WAITING) || job.is(JobPhase.Stage.QUEUED))) {
                continue;
            }
            queue.remove(id);
            live.remove(id);
            dependencies.forget(job);
            if (job.timer != null) {
                job.timer.cancel(false);
            }
        }
    }

    /** Jobs waiting to start (for their dependencies or for room). */
    public synchronized int queued() {
        return queue.size();
    }

    /** Jobs started and not yet ended. */
    public synchronized int running() {
        return account.holders().size();
    }

    /** The dependency states the pool cannot know by itself (the job store's). */
    public void setDependencyStates(DependencyStates states) {
        this.dependencyStates = states;
    }

    @Override
    public boolean pushesUpdates() {
        return true;
    }

    @Override
    public void setListener(StatusListener listener) {
        this.listener = listener;
    }

    /**
     * Stops starting jobs and lets go of the running ones: they keep running in their own
     * sessions, and a server started later takes them back through {@link #reattach}.
     */
    @Override
    public void close() {
        Spawner s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = spawner;
        }
        s.close();
        timers.shutdownNow();
        notifier.shutdown();
        try {
            notifier.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
