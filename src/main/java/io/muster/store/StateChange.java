package io.muster.store;

import io.muster.api.JobState;
import java.time.Instant;

/** One line of a job's history. */
public record StateChange(JobState state, Instant at, String reason) {
}
