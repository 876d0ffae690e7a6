package io.muster.batch;

import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.job.JobState;
import io.muster.scheduler.ExitCodes;
import io.muster.scheduler.SchedulerStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/**
 * Step 5: settles how the job ended. The wrapper's exit-code file is asked first, the backend
 * second; a job the backend calls completed but whose command exited non-zero has FAILED.
 */
@Named("collect")
@Dependent
public class CollectBatchlet extends JobStep {

    @Override
    public String process() {
        JobRecord job = job();
        SchedulerStatus end = data().endStatus;
        JobFiles files = JobFiles.of(job);
        Integer exitCode = ExitCodes.read(files).orElse(end.exitCode());
        JobState state = end.state();
        if (state == JobState.COMPLETED && exitCode != null && exitCode != 0) {
            state = JobState.FAILED;
        }
        String reason = end.reason();
        // an array fails with its first failed task, and says which
        var failedTask = state == JobState.FAILED || state == JobState.COMPLETED ? ExitCodes.failedTask(files)
                : java.util.Optional.<String>empty();
        if (failedTask.isPresent()) {
            state = JobState.FAILED;
            reason = failedTask.get() + (reason == null ? "" : "; " + reason);
        }
        data().finalState = state;
        data().reason = reason;
        lifecycle.change(job.id(), j -> j.withExitCode(exitCode).withTimes(end.started(), end.ended())
                .withPlacement(end.placement()));
        return state.name();
    }
}
