package io.muster.batch.dispatch;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.batch.BatchEngine;
import io.muster.job.JobRecord;
import io.muster.scheduler.Schedulers;
import io.muster.tracking.JobLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands accepted jobs to their backends in chunks, through JBeret. Each backend has a lane: the
 * jobs waiting for it, in acceptance order, and at most one {@code muster-dispatch} execution
 * draining it. The execution starts when a job arrives at an idle lane and ends when the lane has
 * been empty for {@link #IDLE}; while it runs, every job that has gathered since the last chunk
 * goes into the next one (up to {@link #MAX_CHUNK}). So a lone job is handed over at once, in a
 * chunk of one, and a burst costs one repository write per chunk rather than per job.
 *
 * <p>No thread waits for a job here: once handed over, the {@link io.muster.tracking.JobTracker}
 * follows it.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    public static final String JOB = "muster-dispatch";
    public static final String BACKEND = "backend";
    /** The most jobs in one chunk: one store transaction and one repository checkpoint. */
    public static final int MAX_CHUNK = 500;
    /** How long an execution waits on an empty lane before it ends (the next job starts a new one). */
    static final long IDLE = 250;
    /** How long a job whose dependency has not been handed over yet waits before it is tried again. */
    static final long DEPENDENCY_RETRY = 50;

    @Inject
    BatchEngine batch;

    @Inject
    Schedulers schedulers;

    @Inject
    JobLifecycle lifecycle;

    private final class Lane {
        final String backend;
        final BlockingQueue<JobId> waiting = new LinkedBlockingQueue<>();
        /** The reader of the running execution, or null when the lane is idle. */
        Object reader;
        boolean starting;

        Lane(String backend) {
            this.backend = backend;
        }
    }

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService later;
    private volatile boolean open;

    public synchronized void open() {
        open = true;
        later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "muster-dispatch-later");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues accepted jobs for their backends, in the order given (acceptance order). A job whose
     * backend this server does not run ends FAILED at once, saying which backends it runs.
     */
    public void dispatch(List<JobRecord> jobs) {
        Map<String, List<JobId>> forOtherHosts = new java.util.TreeMap<>();
        for (JobRecord job : jobs) {
            if (!job.waitsForHandOver()) {
                continue;
            }
            String chosen = schedulers.resolve(job.backend());
            Optional<String> otherHost = schedulers.otherHostsPool(chosen);
            if (otherHost.isPresent()) {
                forOtherHosts.computeIfAbsent(otherHost.get(), h -> new ArrayList<>()).add(job.id());
                continue;
            }
            if (schedulers.find(chosen).isEmpty()) {
                lifecycle.move(job.id(), JobState.FAILED, "backend '" + chosen + "' is not running on this server"
                        + " (running: " + String.join(", ", schedulers.names().stream().sorted().toList()) + ")");
                continue;
            }
            lane(chosen).waiting.add(job.id());
        }
        for (Lane lane : lanes.values()) {
            if (!lane.waiting.isEmpty()) {
                wake(lane);
            }
        }
        // the server on that host takes them up within its check interval (LeaseKeeper)
        forOtherHosts.forEach((host, ids) -> {
            List<JobId> moved = lifecycle.handToHost(ids, host);
            LOG.info(() -> moved.size() + " jobs for the local pool of host " + host + " wait for its server");
        });
    }

    public void dispatch(JobRecord job) {
        dispatch(List.of(job));
    }

    private Lane lane(String backend) {
        return lanes.computeIfAbsent(backend, Lane::new);
    }

    /** Starts the lane's execution unless one runs (or is starting) already. */
    private void wake(Lane lane) {
        synchronized (lane) {
            if (!open || lane.reader != null || lane.starting) {
                return;
            }
            lane.starting = true;
        }
        Properties parameters = new Properties();
        parameters.setProperty(BACKEND, lane.backend);
        try {
            batch.operator().start(JOB, parameters);
        } catch (RuntimeException e) {
            synchronized (lane) {
                lane.starting = false;
            }
            LOG.log(Level.SEVERE, "cannot start the dispatch of " + lane.backend + " jobs; will try again", e);
            later.schedule(() -> wake(lane), 1, TimeUnit.SECONDS);
        }
    }

    /** A new execution's reader takes the lane. */
    void opened(String backend, Object reader) {
        Lane lane = lane(backend);
        synchronized (lane) {
            lane.starting = false;
            lane.reader = reader;
        }
    }

    /**
     * The next job for the lane's reader, waiting up to {@link #IDLE}; null ends the execution,
     * and only when nothing waits (checked under the lane's lock, so a job queued meanwhile
     * starts a new execution instead of being left behind).
     */
    JobId next(String backend, Object reader) {
        Lane lane = lane(backend);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE);
        while (open) {
            JobId id;
            try {
                id = lane.waiting.poll(Math.min(50, remaining(deadline)), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // the server is stopping: what still waits is ACCEPTED in the store, for the next start
                Thread.currentThread().interrupt();
                break;
            }
            if (id != null) {
                return id;
            }
            if (remaining(deadline) <= 0) {
                break;
            }
        }
        synchronized (lane) {
            if (open && !lane.waiting.isEmpty()) {
                return lane.waiting.poll();
            }
            if (lane.reader == reader) {
                lane.reader = null;
            }
            return null;
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** True while more jobs wait for the lane: the chunk goes on gathering. */
    boolean moreWaiting(String backend) {
        return !lane(backend).waiting.isEmpty();
    }

    /** The execution ended (normally or not): an execution that failed must not leave its lane taken. */
    void closed(String backend, Object reader) {
        Lane lane = lane(backend);
        boolean again;
        synchronized (lane) {
            if (lane.reader == reader) {
                lane.reader = null;
            }
            again = !lane.waiting.isEmpty();
        }
        if (again) {
            wake(lane);
        }
    }

    /** Queues a job again shortly: one of its dependencies has not been handed over yet. */
    void retryLater(String backend, JobId id) {
        later.schedule(() -> {
            lane(backend).waiting.add(id);
            wake(lane(backend));
        }, DEPENDENCY_RETRY, TimeUnit.MILLISECONDS);
    }

    /** How many jobs wait to be handed over. */
    public int waiting() {
        return lanes.values().stream().mapToInt(l -> l.waiting.size()).sum();
    }

    public synchronized void close() {
        open = false;
        if (later != null) {
            later.shutdownNow();
        }
        lanes.clear();
    }
}
