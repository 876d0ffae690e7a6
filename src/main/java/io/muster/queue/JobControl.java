package io.muster.queue;

import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.JobStore;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.queue.CancelOutcome.Result;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerException;
import io.muster.scheduler.Schedulers;
import io.muster.tracking.JobLifecycle;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.logging.Logger;

/**
 * Changes users ask for on jobs already submitted: cancel and clean. No JMS here.
 *
 * <p>Cancel goes to the job's backend when the job has reached it (one call per backend for all
 * of its jobs); the backend reports the end as CANCELLED and the tracker records and publishes it.
 * A job that has not reached a backend yet is moved to CANCELLED at once; the dispatcher sees that
 * and does not hand it over, and its directory is marked so that its wrapper runs nothing should
 * a submit already under way reach the backend. The local pool keeps a cancel in memory only, so
 * the store records it as accepted before the pool is told; a server restarted before the job
 * ended honours it.
 */
public final class JobControl {

    private static final Logger LOG = Logger.getLogger(JobControl.class.getName());

    private final JobLifecycle lifecycle;
    private final Schedulers schedulers;
    private final Path workRoot;

    public JobControl(JobLifecycle lifecycle, Schedulers schedulers, Path workRoot) {
        this.lifecycle = lifecycle;
        this.schedulers = schedulers;
        this.workRoot = workRoot.toAbsolutePath().normalize();
    }

    /** Cancels the jobs; answers one outcome per id, in the order given. */
    public List<CancelOutcome> cancel(List<String> ids) {
        Map<String, CancelOutcome> outcomes = new LinkedHashMap<>();
        Map<String, List<JobRecord>> byBackend = new LinkedHashMap<>();
        for (String id : ids) {
            outcomes.put(id, null);
            JobRecord job = find(id);
            if (job == null) {
                outcomes.put(id, new CancelOutcome(id, Result.NOT_FOUND, null, "no job " + id));
            } else if (job.state().isFinal()) {
                outcomes.put(id, new CancelOutcome(id, Result.ALREADY_ENDED, job.state(),
                        "job " + id + " has already ended " + job.state()));
            } else if (job.schedulerId() == null) {
                outcomes.put(id, cancelBeforeSubmission(job));
            } else {
                byBackend.computeIfAbsent(job.backend(), b -> new ArrayList<>()).add(job);
            }
        }
        byBackend.forEach((backend, jobs) -> cancelOn(backend, jobs).forEach(o -> outcomes.put(o.jobId(), o)));
        return List.copyOf(outcomes.values());
    }

    private CancelOutcome cancelBeforeSubmission(JobRecord job) {
        JobRecord after = lifecycle.change(job.id(), j -> j.state().isFinal() || j.schedulerId() != null ? j
                : j.withState(JobState.CANCELLED, "cancelled before it reached its backend"));
        if (after.state() == JobState.CANCELLED) {
            markCancelled(after);
            return new CancelOutcome(job.id().value(), Result.CANCELLED, after.state(), "job " + job.id() + " cancelled");
        }
        if (after.state().isFinal()) {
            return new CancelOutcome(job.id().value(), Result.ALREADY_ENDED, after.state(),
                    "job " + job.id() + " has already ended " + after.state());
        }
        // it reached its backend meanwhile
        return cancelOn(after.backend(), List.of(after)).get(0);
    }

    /**
     * Tells the job's wrapper not to run the command: the dispatcher may have begun its submit
     * before the cancel, and a submit that outlives this server leaves the backend a job whose id
     * nobody learns, so nobody can cancel it there.
     */
    private static void markCancelled(JobRecord job) {
        JobFiles files = JobFiles.of(job);
        try {
            Files.createDirectories(files.dir());
            Files.writeString(files.cancelled(), "");
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "job " + job.id() + ": cannot mark its directory cancelled (" + e.getMessage()
                    + "); a submit that outlives this server would still run it");
        }
    }

    private List<CancelOutcome> cancelOn(String backend, List<JobRecord> jobs) {
        List<CancelOutcome> out = new ArrayList<>();
        if (LocalScheduler.NAME.equals(backend)) {
            // a local job runs in its owner's pool: another server's is cancelled by that server
            JobStore store = lifecycle.store();
            List<JobRecord> own = new ArrayList<>();
            for (JobRecord job : jobs) {
                String owner = store.owner(job.id()).orElse(null);
                if (owner == null || owner.equals(store.ownerId())) {
                    own.add(job);
                } else {
                    store.askCancel(job.id());
                    out.add(new CancelOutcome(job.id().value(), Result.CANCELLING, job.state(), "job " + job.id()
                            + " runs in the local pool of server " + owner + ", which is asked to cancel it"));
                }
            }
            // the pool keeps a cancel in memory only: recorded first, a restart still carries it out
            store.acceptCancels(own.stream().map(JobRecord::id).toList());
            if (own.size() < jobs.size()) {
                if (!own.isEmpty()) {
                    out.addAll(onBackend(backend, own));
                }
                return out;
            }
        }
        return onBackend(backend, jobs);
    }

    private List<CancelOutcome> onBackend(String backend, List<JobRecord> jobs) {
        List<CancelOutcome> out = new ArrayList<>();
        Scheduler scheduler = schedulers.find(backend).orElse(null);
        if (scheduler == null) {
            jobs.forEach(j -> out.add(new CancelOutcome(j.id().value(), Result.FAILED, j.state(),
                    "backend '" + backend + "' of job " + j.id() + " is not running on this server")));
            return out;
        }
        try {
            scheduler.cancel(jobs.stream().map(JobRecord::schedulerId).toList());
            jobs.forEach(j -> out.add(new CancelOutcome(j.id().value(), Result.CANCELLING, j.state(),
                    "job " + j.id() + " is being cancelled by " + backend)));
        } catch (SchedulerException e) {
            LOG.warning(() -> backend + " refused to cancel " + jobs.size() + " jobs: " + e.getMessage()
                    + (e.command().isEmpty() ? "" : " (command " + e.command() + ", exit " + e.exitCode() + ")"));
            jobs.forEach(j -> out.add(new CancelOutcome(j.id().value(), Result.FAILED, j.state(),
                    backend + " refused to cancel job " + j.id() + ": " + e.getMessage())));
        }
        return out;
    }

    /**
     * Deletes a finished job's scripts and, if {@code outputs}, its output and bookkeeping files,
     * then its directory if nothing else is left in it. Files the command itself wrote are never
     * touched. Jobs still active are skipped.
     */
    public CleanOutcome clean(String id, boolean outputs) {
        JobRecord job = find(id);
        if (job == null) {
            return CleanOutcome.noSuchJob(id);
        }
        if (!job.state().isFinal()) {
            return new CleanOutcome(id, List.of(), "job " + id + " is still " + job.state() + "; cancel it first");
        }
        JobFiles files = JobFiles.of(job);
        Path dir = files.dir().toAbsolutePath().normalize();
        if (!dir.startsWith(workRoot)) {
            return new CleanOutcome(id, List.of(), "the files of job " + id + " are outside the work directory "
                    + workRoot + "; not touching them");
        }
        List<Path> candidates = new ArrayList<>(files.scripts());
        if (outputs) {
            candidates.addAll(files.outputs());
        }
        List<Path> deleted = new ArrayList<>();
        try {
            for (Path file : candidates) {
                if (Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            }
            if (deleteIfEmpty(dir)) {
                deleted.add(dir);
            }
        } catch (IOException e) {
            return new CleanOutcome(id, deleted, "cannot delete the files of job " + id + ": " + e);
        }
        return new CleanOutcome(id, deleted, null);
    }

    /** Deletes a finished job's stdout and stderr (its {@code clean_outputs}, once they were collected). */
    public CleanOutcome cleanOutputs(String id) {
        return delete(id, files -> {
            List<Path> out = new ArrayList<>(List.of(files.stdout(), files.stderr()));
            // an array's tasks' own outputs (stdout.1, stderr.1, ...)
            try (var listing = Files.list(files.dir())) {
                listing.filter(p -> p.getFileName().toString().matches("(stdout|stderr)\\.\\d+")).sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                // nothing more to delete
            }
            return out;
        });
    }

    /** Deletes the given files of a finished job inside the work root, then its directory if left empty. */
    private CleanOutcome delete(String id, java.util.function.Function<JobFiles, List<Path>> which) {
        JobRecord job = find(id);
        if (job == null) {
            return CleanOutcome.noSuchJob(id);
        }
        if (!job.state().isFinal()) {
            return new CleanOutcome(id, List.of(), "job " + id + " is still " + job.state());
        }
        JobFiles files = JobFiles.of(job);
        if (!files.dir().toAbsolutePath().normalize().startsWith(workRoot)) {
            return new CleanOutcome(id, List.of(), "the files of job " + id + " are outside the work directory "
                    + workRoot + "; not touching them");
        }
        List<Path> deleted = new ArrayList<>();
        try {
            for (Path file : which.apply(files)) {
                if (Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            }
        } catch (IOException e) {
            return new CleanOutcome(id, deleted, "cannot delete the files of job " + id + ": " + e);
        }
        return new CleanOutcome(id, deleted, null);
    }

    private static boolean deleteIfEmpty(Path dir) throws IOException {
        try {
            return Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            return false;
        }
    }

    /** The job with this id, or null: also for a text that is no job id. */
    public JobRecord find(String id) {
        if (!JobId.looksLikeJobId(id)) {
            return null;
        }
        try {
            return lifecycle.get(JobId.of(id));
        } catch (NoSuchElementException e) {
            return null;
        }
    }
}
