package io.muster.queue;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import io.muster.store.JobFilter;
import io.muster.store.JobStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only answers about the jobs: lists by view and filters, counts, one job in full. No JMS here. */
public final class QueueView {

    private final JobStore store;

    public QueueView(JobStore store) {
        this.store = store;
    }

    /** Jobs matching {@code filter} within the view, oldest first. */
    public List<JobRecord> list(StateFilter view, JobFilter filter) {
        return store.find(restrict(view, filter));
    }

    /** Per-state counts of the jobs matching {@code filter} within the view. */
    public Map<JobState, Integer> counts(StateFilter view, JobFilter filter) {
        return store.countByState(restrict(view, filter));
    }

    public Optional<JobDetail> job(JobId id) {
        return store.find(id).map(job -> new JobDetail(job, store.history(id),
                store.resubmittedFrom(id).orElse(null), store.resubmissionsOf(id)));
    }

    /** The view's states, narrowed further by the filter's own states if it has any. */
    private static JobFilter restrict(StateFilter view, JobFilter filter) {
        var states = view.states();
        if (filter.states() != null) {
            states.retainAll(filter.states());
        }
        return filter.withStates(states);
    }
}
