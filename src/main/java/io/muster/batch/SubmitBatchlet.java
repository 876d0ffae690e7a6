package io.muster.batch;

import io.muster.backends.Backends;
import io.muster.job.JobFiles;
import io.muster.job.JobId;
import io.muster.job.JobRecord;
import io.muster.job.JobState;
import io.muster.options.JobOptions;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerException;
import io.muster.scheduler.Schedulers;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Step 3: hands the job to its backend, with its dependencies translated to the backend's ids.
 * Dependencies are afterok unless written {@code afterany:ID}. A dependency that already failed
 * ends an afterok job as DEPENDENCY_FAILED instead of leaving it waiting for ever. Exit status {@code SUBMITTED}, or the final state when the job ended here.
 */
@Named("submit")
@Dependent
public class SubmitBatchlet extends JobStep {

    private static final Logger LOG = Logger.getLogger(SubmitBatchlet.class.getName());

    @Inject
    Schedulers schedulers;

    @Override
    public String process() throws InterruptedException {
        JobRecord job = job();
        if (job.state().isFinal()) {
            return job.state().name();
        }
        if (job.schedulerId() != null) {
            return "SUBMITTED"; // resumed after a restart: submitted once already
        }
        Scheduler scheduler = schedulers.find(job.backend()).orElseThrow();
        JobOptions options = JobOptions.fromNormalised(job.options());
        DependencyList depends;
        try {
            depends = DependencyList.parse(options.depends());
        } catch (IllegalArgumentException e) {
            lifecycle.move(job.id(), JobState.FAILED, e.getMessage());
            return JobState.FAILED.name();
        }
        List<String> dependencies = new ArrayList<>();
        for (String dependency : depends.ids()) {
            String failed = translate(dependency, depends.afterAny(), scheduler.name(), dependencies);
            if (failed != null) {
                lifecycle.move(job.id(), JobState.DEPENDENCY_FAILED, failed);
                return JobState.DEPENDENCY_FAILED.name();
            }
        }
        JobRecord now = job();
        if (now.state().isFinal()) {
            // cancelled while it waited for its dependencies
            return now.state().name();
        }
        try {
            String schedulerId = scheduler.submit(new JobSubmission(job.id(), job.name(), options, JobFiles.of(job),
                    dependencies, depends.afterAny()));
            // options this backend cannot express are said in the QUEUED event, not dropped silently
            String warnings = cannotExpress(scheduler.name(), options);
            JobRecord submitted = lifecycle.change(job.id(), j -> {
                JobRecord withId = j.withSchedulerId(schedulerId);
                return withId.state() == JobState.ACCEPTED ? withId.withState(JobState.QUEUED, warnings) : withId;
            });
            if (submitted.state() == JobState.CANCELLED) {
                // cancelled while the backend took it: the backend must let go of it too
                scheduler.cancel(List.of(schedulerId));
            }
            return "SUBMITTED";
        } catch (SchedulerException e) {
            LOG.warning(() -> "job " + job.id() + ": " + scheduler.name() + " refused it: " + e.getMessage()
                    + (e.command().isEmpty() ? "" : " (command " + e.command() + ", exit " + e.exitCode() + ")"));
            lifecycle.move(job.id(), JobState.FAILED, e.getMessage());
            return JobState.FAILED.name();
        }
    }

    /**
     * Adds the backend id of one dependency; returns why the job can never run, or null.
     * A dependency that already ended is satisfied (afterany) or fatal unless it completed
     * (afterok). A Muster id not yet submitted is waited for: it was accepted before this job, so
     * its own submit step is already on its way.
     */
    private String translate(String dependency, boolean afterAny, String backend, List<String> out)
            throws InterruptedException {
        if (!JobId.looksLikeJobId(dependency)) {
            out.add(dependency);
            return null;
        }
        JobId depId = JobId.of(dependency);
        while (true) {
            if (job().state().isFinal()) {
                return null; // cancelled meanwhile: process() sees it before submitting
            }
            JobRecord dep;
            try {
                dep = lifecycle.get(depId);
            } catch (java.util.NoSuchElementException e) {
                return "depends on job " + dependency + ", which Muster does not know";
            }
            if (dep.state() == JobState.COMPLETED || (afterAny && dep.state().isFinal())) {
                return null;
            }
            if (dep.state().isFinal()) {
                return "dependency " + dependency + " ended " + dep.state();
            }
            if (dep.schedulerId() != null) {
                if (!backend.equals(dep.backend())) {
                    return "dependency " + dependency + " runs on " + dep.backend() + ", this job on " + backend;
                }
                out.add(dep.schedulerId());
                return null;
            }
            Thread.sleep(20);
        }
    }

    private static String cannotExpress(String backend, JobOptions options) {
        List<String> warnings = Backends.warnings(backend, options);
        return warnings.isEmpty() ? null : "warning: " + String.join("; ", warnings);
    }
}
