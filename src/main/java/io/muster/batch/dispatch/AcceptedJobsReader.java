package io.muster.batch.dispatch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Reads the ids of accepted jobs waiting for one backend, in acceptance order; ends the step
 * when none has come for a moment. Nothing to restart from: the store, not this reader, knows
 * which jobs still wait (see the recovery at start).
 */
@Named("acceptedJobs")
@Dependent
public class AcceptedJobsReader extends AbstractItemReader {

    @Inject
    Dispatcher dispatcher;

    @Inject
    @BatchProperty
    String backend;

    @Override
    public void open(Serializable checkpoint) {
        dispatcher.opened(backend, this);
    }

    @Override
    public Object readItem() {
        return dispatcher.next(backend, this);
    }

    @Override
    public void close() {
        dispatcher.closed(backend, this);
    }
}
