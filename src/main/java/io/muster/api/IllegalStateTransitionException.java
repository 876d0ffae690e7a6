package io.muster.api;

/** A move that the transition table of {@link JobState} forbids: always a bug, never user error. */
public class IllegalStateTransitionException extends IllegalStateException {

    private final JobState from;
    private final JobState to;

    public IllegalStateTransitionException(JobState from, JobState to) {
        super("illegal job state move " + from + " -> " + to);
        this.from = from;
        this.to = to;
    }

    public JobState from() {
        return from;
    }

    public JobState to() {
        return to;
    }
}
