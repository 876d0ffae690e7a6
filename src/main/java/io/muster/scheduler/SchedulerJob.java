package io.muster.scheduler;

/**
 * One job of a scheduler's own queue, Muster's or not (fyrd's {@code Queue} rows).
 *
 * @param schedulerId the scheduler's id
 * @param musterId    the Muster job id when Muster submitted it and the scheduler shows its tag, else null
 * @param status      its state, pending reason, times and placement, as the status call showed them
 */
public record SchedulerJob(String schedulerId, String musterId, String name, String user, SchedulerStatus status) {
}
