package io.muster.queue;

import io.muster.api.JobId;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.store.StateChange;
import java.util.List;

/**
 * One job in full: the record (options, scheduler id, exit code, times), its state history and
 * its links to other runs of the same work.
 *
 * @param resubmittedFrom the job this one re-runs, or null
 * @param resubmissions   the jobs that re-run this one, oldest first
 */
public record JobDetail(JobRecord job, List<StateChange> history, JobId resubmittedFrom, List<JobId> resubmissions) {

    public JobDetail {
        history = List.copyOf(history);
        resubmissions = List.copyOf(resubmissions);
    }

    public JobFiles files() {
        return JobFiles.of(job);
    }
}
