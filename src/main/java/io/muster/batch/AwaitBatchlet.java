package io.muster.batch;

import io.muster.job.JobRecord;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerException;
import io.muster.scheduler.Schedulers;
import io.muster.tracking.JobTracker;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** Step 4: waits for the backend to report the job's end. Stopping the batch job cancels the job. */
@Named("await")
@Dependent
public class AwaitBatchlet extends JobStep {

    @Inject
    JobTracker tracker;

    @Inject
    Schedulers schedulers;

    @Override
    public String process() throws InterruptedException, ExecutionException {
        JobRecord job = job();
        data().endStatus = tracker.track(job.id(), job.backend(), job.schedulerId()).get();
        return data().endStatus.state().name();
    }

    @Override
    public void stop() throws SchedulerException {
        JobRecord job = job();
        Scheduler scheduler = schedulers.find(job.backend()).orElseThrow();
        scheduler.cancel(List.of(job.schedulerId()));
    }
}
