package io.muster.batch.dispatch;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.backends.Backends;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.options.JobOptions;
import io.muster.scheduler.Handover;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerException;
import io.muster.tracking.JobLifecycle;
import io.muster.tracking.JobTracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands one chunk of prepared jobs to one backend, in acceptance order, and records the outcome
 * of the whole chunk with one store transaction: each job's scheduler id and QUEUED, or
 * FAILED with the backend's reason (one refused job does not stop the others), or
 * DEPENDENCY_FAILED (see {@link #record}). Then the tracker follows every job the backend took.
 *
 * <p>Dependencies are afterok unless written {@code afterany:ID}, and are translated to the
 * backend's ids. A dependency accepted earlier was either handed over already or comes earlier
 * in this chunk (jobs are read in acceptance order): in that case the jobs before this one are
 * handed over first, so its id is known. A dependency that already failed ends an afterok job as
 * DEPENDENCY_FAILED instead of leaving it waiting for ever. One that is accepted but not handed
 * over yet (it waits for a dependency of its own) sends this job round again a moment later.
 */
final class HandOver {

    private static final Logger LOG = Logger.getLogger(HandOver.class.getName());

    private final Scheduler scheduler;
    private final JobLifecycle lifecycle;
    private final JobTracker tracker;
    private final Consumer<JobId> retryLater;

    /** Scheduler ids given out in this chunk so far, for the dependencies of later jobs in it. */
    private final Map<JobId, String> handedOut = new HashMap<>();
    /** Jobs of this chunk ready for the backend, not handed over yet, in order. */
    private final Map<JobId, Ready> wave = new LinkedHashMap<>();
    private final List<JobLifecycle.Edit> edits = new ArrayList<>();
    private final List<Handover> taken = new ArrayList<>();
    /** The cluster ids this chunk's jobs depend on that the backend knows nothing of. */
    private Set<String> unknownToTheBackend = Set.of();

    private record Ready(PreparedJob prepared, JobSubmission submission) {
    }

    HandOver(Scheduler scheduler, JobLifecycle lifecycle, JobTracker tracker, Consumer<JobId> retryLater) {
        this.scheduler = scheduler;
        this.lifecycle = lifecycle;
        this.tracker = tracker;
        this.retryLater = retryLater;
    }

    void handOver(List<PreparedJob> chunk) {
        List<String> clusterIds = chunk.stream().flatMap(j -> j.depends().ids().stream())
                .filter(d -> !JobId.looksLikeJobId(d)).distinct().toList();
        unknownToTheBackend = clusterIds.isEmpty() ? Set.of() : scheduler.unknownJobs(clusterIds);
        for (PreparedJob job : chunk) {
            List<String> ids = new ArrayList<>();
            String never = null;
            boolean notYet = false;
            for (String dependency : job.depends().ids()) {
                Dependency d = translate(dependency, job.depends().afterAny());
                switch (d.kind) {
                    case ID -> ids.add(d.value);
                    case NEVER -> never = d.value;
                    case NOT_YET -> notYet = true;
                    case MET -> { }
                }
                if (never != null) {
                    break;
                }
            }
            if (never != null) {
                String why = never;
                // the backend it was dispatched to, as for a job handed over: "auto" would drop out of queue -b
                edits.add(new JobLifecycle.Edit(job.job().id(), j -> j.withBackend(scheduler.name())
                        .withState(JobState.DEPENDENCY_FAILED, why)));
            } else if (notYet) {
                retryLater.accept(job.job().id());
            } else {
                wave.put(job.job().id(), new Ready(job, new JobSubmission(job.job().id(), job.job().name(),
                        job.options(), JobFiles.of(job.job()), ids, job.depends().afterAny())));
            }
        }
        flushWave();
        record();
    }

    private enum Kind { ID, MET, NEVER, NOT_YET }

    private record Dependency(Kind kind, String value) {
    }

    /** One dependency: the backend id to wait for, met already, never to be met (why), or not yet known. */
    private Dependency translate(String dependency, boolean afterAny) {
        if (!JobId.looksLikeJobId(dependency)) {
            // a cluster's own id (submissions take one only for a cluster backend): passed as given,
            // and the scheduler decides, but only on a job it knows: Slurm counts an afterok on an id
            // it never had as met, and Grid Engine's -hold_jid ignores one
            if (unknownToTheBackend.contains(dependency)) {
                return new Dependency(Kind.NEVER, "depends on " + dependency + ", which " + scheduler.name()
                        + " does not know: neither its queue nor its accounting lists a job of that id");
            }
            return new Dependency(Kind.ID, dependency);
        }
        JobId depId = JobId.of(dependency);
        if (wave.containsKey(depId)) {
            flushWave(); // the dependency is earlier in this chunk: hand it over first
        }
        if (handedOut.containsKey(depId)) {
            return new Dependency(Kind.ID, handedOut.get(depId));
        }
        JobRecord dep;
        try {
            dep = lifecycle.get(depId);
        } catch (NoSuchElementException e) {
            return new Dependency(Kind.NEVER, "depends on job " + dependency + ", which Muster does not know");
        }
        if (dep.state() == JobState.COMPLETED || (afterAny && dep.state().isFinal())) {
            return new Dependency(Kind.MET, null);
        }
        if (dep.state().isFinal()) {
            return new Dependency(Kind.NEVER, "dependency " + dependency + " ended " + dep.state());
        }
        if (dep.schedulerId() == null) {
            return new Dependency(Kind.NOT_YET, null);
        }
        if (!scheduler.name().equals(dep.backend())) {
            return new Dependency(Kind.NEVER, "dependency " + dependency + " runs on " + dep.backend()
                    + ", this job on " + scheduler.name());
        }
        return new Dependency(Kind.ID, dep.schedulerId());
    }

    /** Hands the jobs gathered so far to the backend, in one call. */
    private void flushWave() {
        if (wave.isEmpty()) {
            return;
        }
        List<Ready> ready = List.copyOf(wave.values());
        wave.clear();
        List<Handover> outcomes = scheduler.submitAll(ready.stream().map(Ready::submission).toList());
        for (int i = 0; i < outcomes.size(); i++) {
            Handover h = outcomes.get(i);
            PreparedJob job = ready.get(i).prepared();
            if (h.accepted()) {
                handedOut.put(job.job().id(), h.schedulerId());
                taken.add(h);
                String warnings = cannotExpress(job.options());
                edits.add(new JobLifecycle.Edit(job.job().id(), j -> {
                    JobRecord withId = j.withSchedulerId(h.schedulerId()).withBackend(scheduler.name());
                    return j.waitsForHandOver() ? withId.withState(JobState.QUEUED, warnings) : withId;
                }));
            } else {
                SchedulerException e = h.refusal();
                LOG.warning(() -> "job " + job.job().id() + ": " + scheduler.name() + " refused it: " + e.getMessage()
                        + (e.command().isEmpty() ? "" : " (command " + e.command() + ", exit " + e.exitCode() + ")"));
                edits.add(new JobLifecycle.Edit(job.job().id(), j -> j.withBackend(scheduler.name())
                        .withState(JobState.FAILED, e.getMessage())));
            }
        }
    }

    /**
     * One transaction for the chunk, then the tracker follows what the backend took. It must reach
     * the disk first unless a lost record can be found again after a crash (the backend's tag or
     * files): otherwise the job would be handed over twice.
     */
    private void record() {
        List<JobRecord> after;
        try {
            after = lifecycle.changeAll(edits, !scheduler.findsUnrecordedHandovers());
        } catch (RuntimeException e) {
            // the backend holds these jobs: follow them all the same (the tracker records their ids with their
            // first status), and a restart finds them by their tag
            LOG.log(Level.SEVERE, "cannot record the hand-over of " + edits.size() + " " + scheduler.name()
                    + " jobs; following them anyway", e);
            after = List.of();
        }
        for (Handover h : taken) {
            tracker.follow(h.job().id(), scheduler.name(), h.schedulerId());
        }
        List<String> cancelNow = after.stream()
                .filter(j -> j.state() == JobState.CANCELLED && j.schedulerId() != null)
                .map(JobRecord::schedulerId).toList();
        if (!cancelNow.isEmpty()) {
            // cancelled while the backend took them: the backend must let go of them too
            try {
                scheduler.cancel(cancelNow);
            } catch (SchedulerException e) {
                LOG.warning(() -> scheduler.name() + ": cannot cancel " + cancelNow + ": " + e.getMessage());
            }
        }
    }

    /** Options this backend cannot express are said in the QUEUED event, not dropped silently. */
    private String cannotExpress(JobOptions options) {
        List<String> warnings = Backends.warnings(scheduler.name(), options);
        return warnings.isEmpty() ? null : "warning: " + String.join("; ", warnings);
    }
}
