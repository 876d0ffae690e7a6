package io.muster.queue;

import io.muster.api.JobState;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The views of the queue users ask for, as fyrd's categories, each a set of {@link JobState}s.
 * Uncertain states (PREEMPTED, REQUEUED) count as queued: the job will run again; UNKNOWN is
 * only in {@link #ACTIVE}, since nobody can say whether it runs.
 */
public enum StateFilter {
    // view        states
    ALL(EnumSet.allOf(JobState.class)),
    ACTIVE(EnumSet.of(JobState.ACCEPTED, JobState.QUEUED, JobState.HELD, JobState.RUNNING, JobState.COMPLETING,
            JobState.SUSPENDED, JobState.PREEMPTED, JobState.REQUEUED, JobState.UNKNOWN)),
    QUEUED(EnumSet.of(JobState.ACCEPTED, JobState.QUEUED, JobState.HELD, JobState.PREEMPTED, JobState.REQUEUED)),
    RUNNING(EnumSet.of(JobState.RUNNING, JobState.COMPLETING, JobState.SUSPENDED)),
    DONE(EnumSet.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.TIMEOUT,
            JobState.OUT_OF_MEMORY, JobState.NODE_FAIL, JobState.DEPENDENCY_FAILED, JobState.LOST, JobState.REJECTED)),
    COMPLETED(EnumSet.of(JobState.COMPLETED)),
    FAILED(EnumSet.of(JobState.FAILED, JobState.CANCELLED, JobState.TIMEOUT, JobState.OUT_OF_MEMORY,
            JobState.NODE_FAIL, JobState.DEPENDENCY_FAILED, JobState.LOST, JobState.REJECTED));

    private final Set<JobState> states;

    StateFilter(Set<JobState> states) {
        this.states = states;
    }

    public Set<JobState> states() {
        return EnumSet.copyOf(states);
    }

    /** A view by its name in any case (running, queued, done, ...). */
    public static StateFilter parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown state filter '" + name + "': use one of all, active, queued,"
                    + " running, done, completed, failed");
        }
    }
}
