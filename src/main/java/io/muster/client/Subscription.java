package io.muster.client;

/** A running subscription to {@code muster.events}; close it to stop receiving (a durable one keeps its queue). */
public interface Subscription extends AutoCloseable {

    /** Stops delivery. Idempotent; never throws. */
    @Override
    void close();
}
