package io.muster.server;

import io.muster.batch.BatchEngine;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.job.JobState;
import io.muster.options.JobOptions;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.JobStore;
import io.muster.tracking.JobLifecycle;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes up, at start, every job the store holds as unfinished: the previous server stopped or
 * crashed while they ran. Jobs handed to the local pool go back to it (it finds them through
 * their pid and exit-code files); then each job gets a new {@code muster-job} run, which submits
 * a job that was never submitted and only awaits, collects and publishes one that was.
 */
final class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());

    private JobRecovery() {
    }

    /** Returns how many jobs were taken up. */
    static int resume(JobStore store, JobLifecycle lifecycle, LocalScheduler local, BatchEngine batch) {
        List<JobRecord> unfinished = store.findUnfinished();
        List<JobSubmission> pooled = new ArrayList<>();
        List<JobRecord> resumed = new ArrayList<>();
        for (JobRecord job : unfinished) {
            if (LocalScheduler.NAME.equals(job.backend())) {
                JobFiles files = JobFiles.of(job);
                if (job.schedulerId() == null && (Files.exists(files.pid()) || Files.exists(files.exitCode()))) {
                    // the pool started it, but the server stopped before it stored the pool's id
                    job = lifecycle.change(job.id(), j -> j.withSchedulerId(j.id().value()));
                }
                if (job.schedulerId() != null) {
                    pooled.add(new JobSubmission(job.id(), job.name(), JobOptions.fromNormalised(job.options()), files,
                            JobOptions.fromNormalised(job.options()).depends(), false));
                }
            }
            resumed.add(job);
        }
        local.reattach(pooled);
        for (JobRecord job : resumed) {
            try {
                batch.run(job.id());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "cannot resume job " + job.id(), e);
                lifecycle.move(job.id(), JobState.FAILED, "cannot resume it after a restart: " + e.getMessage());
            }
        }
        if (!resumed.isEmpty()) {
            LOG.info(() -> "resumed " + resumed.size() + " unfinished jobs (" + pooled.size() + " of the local pool)");
        }
        return resumed.size();
    }
}
