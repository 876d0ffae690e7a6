package io.muster.batch;

import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.job.JobState;
import io.muster.scheduler.JobScript;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.IOException;

/** Step 1: writes the job's directory and its job script (the same for every backend). */
@Named("prepare")
@Dependent
public class PrepareBatchlet extends JobStep {

    @Override
    public String process() {
        JobRecord job = job();
        if (job.schedulerId() != null) {
            return "PREPARED"; // resumed after a restart: its files are in use
        }
        try {
            JobScript.write(JobFiles.of(job), job.command(), job.options());
            return "PREPARED";
        } catch (IOException e) {
            lifecycle.move(job.id(), JobState.FAILED, "cannot write the job's files: " + e.getMessage());
            return JobState.FAILED.name();
        }
    }
}
