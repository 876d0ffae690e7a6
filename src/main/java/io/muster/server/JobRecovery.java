package io.muster.server;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.batch.dispatch.Dispatcher;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.options.JobOptions;
import io.muster.scheduler.Handover;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.JobStore;
import io.muster.tracking.JobLifecycle;
import io.muster.tracking.JobTracker;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes up, at start, every job the store holds as unfinished: the previous server stopped or
 * crashed while they ran. Everything needed is in the store (backend, scheduler id, job
 * directory, options with the time limit), so each job is put back where it was:
 * <ul>
 *   <li>handed over (scheduler id known): its backend adopts it and the tracker follows it;
 *       it is never submitted again;</li>
 *   <li>handed over but its id not recorded (the server died in between): found by the
 *       hand-over record in its job directory, by its tag on the scheduler ({@code muster:ID},
 *       its Grid Engine working directory) or, on PBS, by its name and submit time, or by its
 *       pid or exit-code file in the local pool, then followed like the others;</li>
 *   <li>never handed over: dispatched once, in acceptance order.</li>
 * </ul>
 * A local job whose cancel was accepted before the stop (the store says so) is cancelled, not
 * taken up: never started, it ends CANCELLED without running; running, it is terminated.
 */
final class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());
    /** How often the look-up of untagged hand-overs is tried before the jobs are submitted anyway. */
    static final int LOOKUP_ATTEMPTS = 3;

    private final JobLifecycle lifecycle;
    private final Schedulers schedulers;
    private final JobTracker tracker;
    private final Dispatcher dispatcher;

    JobRecovery(JobLifecycle lifecycle, Schedulers schedulers, JobTracker tracker, Dispatcher dispatcher) {
        this.lifecycle = lifecycle;
        this.schedulers = schedulers;
        this.tracker = tracker;
        this.dispatcher = dispatcher;
    }

    /** Takes up every unfinished job of the store; returns how many. */
    int resume(JobStore store) {
        return resume(store.findUnfinished(), null);
    }

    /**
     * Takes up unfinished jobs: those a previous run of this server left, or those of a dead
     * server this one has taken over. Returns how many.
     *
     * @param foreignHost the host the jobs' server ran on when it is not this one, else null: a
     *                    local job it had started runs in that host's pool, which this server
     *                    cannot see, so it ends LOST (one never started runs here)
     */
    int resume(List<JobRecord> unfinished, String foreignHost) {
        if (foreignHost != null) {
            unfinished = withoutLostLocalJobs(unfinished, foreignHost);
        }
        if (unfinished.isEmpty()) {
            return 0;
        }
        Map<String, List<JobRecord>> byBackend = new LinkedHashMap<>();
        for (JobRecord job : unfinished) {
            byBackend.computeIfAbsent(schedulers.resolve(job.backend()), b -> new ArrayList<>()).add(job);
        }
        List<JobRecord> toDispatch = new ArrayList<>();
        int followed = 0;
        for (Map.Entry<String, List<JobRecord>> e : byBackend.entrySet()) {
            Scheduler scheduler = schedulers.find(e.getKey()).orElse(null);
            if (scheduler == null) {
                toDispatch.addAll(notRunnableHere(e.getKey(), e.getValue()));
                continue;
            }
            List<JobRecord> handed = new ArrayList<>();
            List<JobRecord> notHanded = new ArrayList<>();
            for (JobRecord job : e.getValue()) {
                (job.schedulerId() != null ? handed : notHanded).add(job);
            }
            if (scheduler instanceof LocalScheduler pool) {
                followed += adoptCancelled(pool, handed);
            }
            // the recorded ones first: a backend that searches by name must not take their ids for the others'
            followed += adopt(scheduler, handed);
            List<JobRecord> found = foundHandedOver(scheduler, notHanded);
            java.util.Set<JobId> foundIds = new java.util.HashSet<>();
            found.forEach(j -> foundIds.add(j.id()));
            notHanded.removeIf(j -> foundIds.contains(j.id()));
            followed += adopt(scheduler, found);
            toDispatch.addAll(notHanded);
        }
        dispatcher.dispatch(toDispatch);
        int taken = followed;
        int all = unfinished.size();
        LOG.info(() -> "resumed " + all + " unfinished jobs: " + taken + " followed where they run, "
                + toDispatch.size() + " handed over now");
        return all;
    }

    /**
     * The local jobs another host's pool had started: those whose options allow it
     * ({@code requeue: true}) start over here, REQUEUED, their earlier run's pid and exit-code
     * files set aside; the others end LOST. Returns the jobs left to take up, the requeued among them.
     */
    private List<JobRecord> withoutLostLocalJobs(List<JobRecord> jobs, String host) {
        List<JobRecord> rest = new ArrayList<>();
        List<JobLifecycle.Edit> lost = new ArrayList<>();
        List<JobLifecycle.Edit> requeued = new ArrayList<>();
        // a job whose cancel was accepted there never starts over here
        java.util.Set<JobId> cancelAccepted = lifecycle.store().cancelsAcceptedOrAsked();
        List<JobLifecycle.Edit> neverStarted = new ArrayList<>();
        List<JobLifecycle.Edit> cancelled = new ArrayList<>();
        for (JobRecord job : jobs) {
            boolean startedThere = LocalScheduler.NAME.equals(job.backend()) && job.state() != JobState.ACCEPTED;
            if (!startedThere) {
                rest.add(job);
            } else if (neverStarted(job)) {
                // queued in that pool, waiting for cores or a dependency: nothing of it ever ran
                if (cancelAccepted.contains(job.id())) {
                    cancelled.add(new JobLifecycle.Edit(job.id(), j -> j.withState(JobState.CANCELLED, "cancelled"
                            + " while queued in the local pool of host " + host + ", whose server died before it started")));
                } else {
                    neverStarted.add(new JobLifecycle.Edit(job.id(), j -> j.withSchedulerId(null).withState(
                            JobState.REQUEUED, "queued in the local pool of host " + host + ", whose server died before"
                                    + " it started; it runs here")));
                }
            } else if (!cancelAccepted.contains(job.id())
                    && Boolean.TRUE.equals(JobOptions.fromNormalised(job.options()).requeue())
                    && job.state().canMoveTo(JobState.REQUEUED) && setAside(job, host)) {
                requeued.add(new JobLifecycle.Edit(job.id(), j -> j.withSchedulerId(null).withState(JobState.REQUEUED,
                        "ran in the local pool of host " + host + ", whose server died; requeue: true, so it starts"
                                + " over here (it may still run there too)")));
            } else {
                lost.add(new JobLifecycle.Edit(job.id(), j -> j.withState(JobState.LOST, "ran in the local pool of host "
                        + host + ", whose server died; no server there can follow it (it may still run there)")));
            }
        }
        if (!lost.isEmpty()) {
            lifecycle.changeAll(lost, false);
            LOG.warning(() -> lost.size() + " local jobs of host " + host + " end LOST: its server died, and this"
                    + " server cannot see that host's pool");
        }
        if (!cancelled.isEmpty()) {
            lifecycle.changeAll(cancelled, true);
        }
        if (!neverStarted.isEmpty()) {
            rest.addAll(lifecycle.changeAll(neverStarted, true));
            LOG.warning(() -> neverStarted.size() + " local jobs queued in the pool of host " + host + " had not started"
                    + " when its server died: they run here");
        }
        if (!requeued.isEmpty()) {
            rest.addAll(lifecycle.changeAll(requeued, true));
            LOG.warning(() -> requeued.size() + " local jobs of host " + host + " start over here (requeue: true):"
                    + " its server died");
        }
        return rest;
    }

    /**
     * Whether a local job another host's pool held never started there: it is waiting (QUEUED or
     * HELD, by the store), and its directory, which this server sees, holds nothing but the scripts
     * Muster wrote to run it: the wrapper writes its start file before anything else, and the pool
     * its pid file, so a job that ran, even for an instant, left one of them. The takeover comes a
     * lease time after the dead server's last renewal, long after a wrapper it was starting would
     * have written its first file. A directory this server cannot see (a work root that is not
     * shared) tells nothing: the job ends LOST.
     */
    static boolean neverStarted(JobRecord job) {
        if (job.state() != JobState.QUEUED && job.state() != JobState.HELD) {
            return false;
        }
        JobFiles files = JobFiles.of(job);
        if (!Files.isRegularFile(files.wrapper())) {
            return false;
        }
        java.util.Set<java.nio.file.Path> scripts = new java.util.HashSet<>(files.scripts());
        try (java.util.stream.Stream<java.nio.file.Path> entries = Files.list(files.dir())) {
            return entries.allMatch(scripts::contains);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Moves the earlier run's pid, start and exit-code files aside ({@code NAME.host-HOST}), so the
     * new run's are its own and this server does not take the old ones for them. False if it cannot.
     */
    private static boolean setAside(JobRecord job, String host) {
        JobFiles files = JobFiles.of(job);
        try {
            for (java.nio.file.Path file : List.of(files.pid(), files.started(), files.exitCode())) {
                if (Files.exists(file)) {
                    Files.move(file, file.resolveSibling(file.getFileName() + ".host-" + host),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return true;
        } catch (java.io.IOException e) {
            LOG.warning(() -> "job " + job.id() + ": cannot set its earlier run's files aside (" + e.getMessage()
                    + "); it ends LOST instead of starting over");
            return false;
        }
    }

    /**
     * The local jobs of {@code handed} whose cancel the previous server accepted (answered
     * CANCELLING) but did not see through: the pool kept it in memory only. They are taken out of
     * {@code handed} and given back to the pool as cancelled, so none starts, and a running one is
     * terminated. Returns how many.
     */
    private int adoptCancelled(LocalScheduler pool, List<JobRecord> handed) {
        java.util.Set<JobId> accepted = lifecycle.store().cancelsAcceptedOrAsked();
        if (accepted.isEmpty()) {
            return 0;
        }
        List<JobRecord> cancelled = handed.stream().filter(j -> accepted.contains(j.id())).toList();
        if (cancelled.isEmpty()) {
            return 0;
        }
        handed.removeAll(cancelled);
        cancelled.forEach(j -> tracker.follow(j.id(), pool.name(), j.schedulerId()));
        pool.reattachCancelled(cancelled.stream().map(JobRecovery::submission).toList());
        LOG.info(() -> cancelled.size() + " local jobs were being cancelled when the server stopped: cancelling them"
                + " now, none is started");
        return cancelled.size();
    }

    private int adopt(Scheduler scheduler, List<JobRecord> handed) {
        List<Handover> adopted = handed.stream().map(j -> Handover.taken(submission(j), j.schedulerId())).toList();
        adopted.forEach(h -> tracker.follow(h.job().id(), scheduler.name(), h.schedulerId()));
        scheduler.adopt(adopted);
        return adopted.size();
    }

    /**
     * Jobs of a backend this server no longer runs: those never handed over go to the dispatcher
     * (which ends them FAILED, naming the backends it runs); those handed over end LOST, since
     * nobody can follow them here.
     */
    private List<JobRecord> notRunnableHere(String backend, List<JobRecord> jobs) {
        List<JobRecord> neverHanded = new ArrayList<>();
        List<JobLifecycle.Edit> lost = new ArrayList<>();
        for (JobRecord job : jobs) {
            if (job.schedulerId() == null) {
                neverHanded.add(job);
            } else {
                lost.add(new JobLifecycle.Edit(job.id(), j -> j.withState(JobState.LOST, "backend '" + backend
                        + "' is not running on this server, so nothing follows its job " + j.schedulerId()
                        + " (it may still run there)")));
            }
        }
        lifecycle.changeAll(lost, false);
        return neverHanded;
    }

    /**
     * Those of {@code jobs} (no scheduler id stored) that their backend took all the same, with
     * the id recorded now.
     */
    private List<JobRecord> foundHandedOver(Scheduler scheduler, List<JobRecord> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        Map<JobId, String> found = new LinkedHashMap<>();
        if (LocalScheduler.NAME.equals(scheduler.name())) {
            for (JobRecord job : jobs) {
                JobFiles files = JobFiles.of(job);
                if (Files.exists(files.pid()) || Files.exists(files.exitCode())) {
                    // the pool started it, but the server stopped before it stored the pool's id
                    found.put(job.id(), job.id().value());
                }
            }
        } else {
            found.putAll(lookUp(scheduler, jobs));
            endFromExitCodeFiles(scheduler, jobs.stream().filter(j -> !found.containsKey(j.id())).toList());
        }
        if (found.isEmpty()) {
            return List.of();
        }
        List<JobLifecycle.Edit> edits = found.entrySet().stream()
                .map(f -> new JobLifecycle.Edit(f.getKey(), j -> {
                    JobRecord withId = j.withSchedulerId(f.getValue()).withBackend(scheduler.name());
                    return withId.state() == JobState.ACCEPTED ? withId.withState(JobState.QUEUED,
                            "found on " + scheduler.name() + " after a restart") : withId;
                }))
                .toList();
        LOG.info(() -> found.size() + " jobs were handed to " + scheduler.name() + " before the server stopped,"
                + " without their ids recorded: following them, not submitting them again");
        return lifecycle.changeAll(edits, true).stream().filter(j -> j.schedulerId() != null).toList();
    }

    /**
     * Jobs the scheduler ran and has forgotten since, whose id was never recorded: their wrapper's
     * exit-code file says how they ended, so they end so, rather than being submitted again (the
     * dispatcher drops a job that ended before its turn).
     */
    private void endFromExitCodeFiles(Scheduler scheduler, List<JobRecord> jobs) {
        List<JobLifecycle.Edit> ended = new ArrayList<>();
        for (JobRecord job : jobs) {
            io.muster.scheduler.ExitCodes.read(JobFiles.of(job)).ifPresent(code -> ended.add(new JobLifecycle.Edit(
                    job.id(), j -> j.withExitCode(code).withState(code == 0 ? JobState.COMPLETED : JobState.FAILED,
                            "ran on " + scheduler.name() + " while no server recorded its id; its wrapper recorded"
                                    + " exit code " + code))));
        }
        if (!ended.isEmpty()) {
            List<JobId> ids = lifecycle.changeAll(ended, false).stream().map(JobRecord::id).toList();
            LOG.info(() -> ids.size() + " " + scheduler.name() + " jobs had ended before the restart without their"
                    + " ids recorded; ended from their exit-code files: " + ids);
        }
    }

    private static Map<JobId, String> lookUp(Scheduler scheduler, List<JobRecord> jobs) {
        List<JobSubmission> submissions = jobs.stream().map(JobRecovery::submission).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                return scheduler.findHandedOver(submissions);
            } catch (RuntimeException e) {
                if (attempt >= LOOKUP_ATTEMPTS) {
                    LOG.log(Level.SEVERE, scheduler.name() + ": cannot tell which of " + jobs.size()
                            + " jobs were handed over before the restart; submitting them (one may run twice)", e);
                    return Map.of();
                }
                LOG.warning(() -> e.getMessage() + "; trying again");
                try {
                    Thread.sleep(2_000L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return Map.of();
                }
            }
        }
    }

    private static JobSubmission submission(JobRecord job) {
        JobOptions options = JobOptions.fromNormalised(job.options());
        return new JobSubmission(job.id(), job.name(), options, JobFiles.of(job), options.depends(), false);
    }
}
