package io.muster.batch;

import io.muster.job.JobId;
import io.muster.job.JobRecord;
import io.muster.job.JobState;
import io.muster.scheduler.Schedulers;
import io.muster.tracking.JobLifecycle;
import jakarta.batch.api.Decider;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The dispatch decision: which backend runs the job ({@code auto} becomes the server's preferred
 * one). Its exit status is the backend's name, or {@code UNAVAILABLE} when the job asked for a
 * backend this server does not run.
 */
@Named("dispatch")
@Dependent
public class BackendDecider implements Decider {

    public static final String UNAVAILABLE = "UNAVAILABLE";

    @Inject
    JobContext jobContext;

    @Inject
    JobLifecycle lifecycle;

    @Inject
    Schedulers schedulers;

    @Override
    public String decide(StepExecution[] executions) {
        JobId id = JobId.of(jobContext.getProperties().getProperty(BatchEngine.JOB_ID));
        JobRecord job = lifecycle.get(id);
        if (job.state().isFinal()) {
            return job.state().name();
        }
        String chosen = schedulers.resolve(job.backend());
        if (schedulers.find(chosen).isEmpty()) {
            lifecycle.move(id, JobState.FAILED, "backend '" + chosen + "' is not running on this server (running: "
                    + String.join(", ", schedulers.names()) + ")");
            return UNAVAILABLE;
        }
        if (!chosen.equals(job.backend())) {
            lifecycle.change(id, j -> j.withBackend(chosen));
        }
        return chosen;
    }
}
