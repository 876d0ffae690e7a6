package io.muster.scheduler;

/** Receives state changes a backend observed by itself (or a poller observed for it). */
@FunctionalInterface
public interface StatusListener {
    void onStatus(String schedulerId, SchedulerStatus status);
}
