package io.muster.batch.dispatch;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.options.JobOptions;
import io.muster.scheduler.JobScript;
import io.muster.tracking.JobLifecycle;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;

/**
 * Writes a job's directory and job script (the same for every backend) and reads its
 * dependencies. A job that ended meanwhile (cancelled before its hand-over) is dropped; one whose
 * files cannot be written, or whose dependencies cannot be read, ends FAILED with the reason.
 */
@Named("jobFiles")
@Dependent
public class JobFilesProcessor implements ItemProcessor {

    @Inject
    JobLifecycle lifecycle;

    @Override
    public Object processItem(Object item) {
        JobRecord job = lifecycle.get((JobId) item);
        if (!job.waitsForHandOver()) {
            return null;
        }
        JobOptions options = JobOptions.fromNormalised(job.options());
        DependencyList depends;
        try {
            depends = DependencyList.parse(options.depends());
            JobScript.write(JobFiles.of(job), job.command(), job.options());
        } catch (IllegalArgumentException e) {
            lifecycle.move(job.id(), JobState.FAILED, e.getMessage());
            return null;
        } catch (IOException e) {
            lifecycle.move(job.id(), JobState.FAILED, "cannot write the job's files: " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            // whatever it is, this job ends with the reason and the chunk's other jobs go on
            lifecycle.move(job.id(), JobState.FAILED, "cannot prepare it: " + e);
            return null;
        }
        return new PreparedJob(job, options, depends);
    }
}
