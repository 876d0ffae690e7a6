package io.muster.client;

import io.muster.api.JobState;
import java.time.Instant;

/**
 * One job of a cluster scheduler's own queue, as {@link Muster#schedulerQueue(String)} lists
 * them: Muster's jobs and the user's others alike (fyrd's {@code Queue}).
 *
 * @param jobId   Muster's id when Muster submitted it and the scheduler shows Muster's tag, else null
 * @param reason  why it waits (Resources, Priority, Dependency) or how it ended, as the scheduler says
 */
public record SchedulerQueueJob(String backend, String schedulerId, String jobId, String name, String user,
                                String partition, JobState state, String nodes, Integer nodeCount, Integer cpus,
                                String reason, Instant started) {
}
