package io.muster.batch.dispatch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractCheckpointAlgorithm;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Ends a chunk as soon as no more jobs wait, or at {@link Dispatcher#MAX_CHUNK}: a lone job is
 * handed over at once, a burst in chunks as large as it is. A time-based chunk would make every
 * lone job wait for the time limit, and JBeret's limits are whole seconds.
 */
@Named("chunkWhenIdle")
@Dependent
public class ChunkWhenIdle extends AbstractCheckpointAlgorithm {

    @Inject
    Dispatcher dispatcher;

    @Inject
    @BatchProperty
    String backend;

    private int items;

    @Override
    public void beginCheckpoint() {
        items = 0;
    }

    @Override
    public boolean isReadyToCheckpoint() {
        items++;
        return items >= Dispatcher.MAX_CHUNK || !dispatcher.moreWaiting(backend);
    }
}
