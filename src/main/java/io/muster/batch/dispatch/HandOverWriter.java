package io.muster.batch.dispatch;

import io.muster.scheduler.Schedulers;
import io.muster.tracking.JobLifecycle;
import io.muster.tracking.JobTracker;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Hands a chunk of prepared jobs to the lane's backend (see {@link HandOver}). */
@Named("handOver")
@Dependent
public class HandOverWriter extends AbstractItemWriter {

    @Inject
    Dispatcher dispatcher;

    @Inject
    Schedulers schedulers;

    @Inject
    JobLifecycle lifecycle;

    @Inject
    JobTracker tracker;

    @Inject
    @BatchProperty
    String backend;

    @Override
    public void writeItems(List<Object> items) {
        List<PreparedJob> jobs = items.stream().map(PreparedJob.class::cast).toList();
        new HandOver(schedulers.find(backend).orElseThrow(), lifecycle, tracker,
                id -> dispatcher.retryLater(backend, id)).handOver(jobs);
    }
}
