package io.muster.api;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one set of states every backend reports in, grouped as fyrd grouped them.
 *
 * <p>Moves between states follow {@link #TRANSITIONS}; {@link #checkMove} turns an illegal move
 * into an exception that names both states, because an illegal move is a bug in an adapter or
 * in tracking, never a user error.
 */
public enum JobState {
    ACCEPTED(Group.ACTIVE),
    QUEUED(Group.ACTIVE),
    HELD(Group.ACTIVE),
    RUNNING(Group.ACTIVE),
    COMPLETING(Group.ACTIVE),
    SUSPENDED(Group.ACTIVE),

    COMPLETED(Group.GOOD),

    FAILED(Group.BAD),
    CANCELLED(Group.BAD),
    TIMEOUT(Group.BAD),
    OUT_OF_MEMORY(Group.BAD),
    NODE_FAIL(Group.BAD),
    DEPENDENCY_FAILED(Group.BAD),
    LOST(Group.BAD),
    REJECTED(Group.BAD),

    PREEMPTED(Group.UNCERTAIN),
    REQUEUED(Group.UNCERTAIN),
    UNKNOWN(Group.UNCERTAIN);

    public enum Group { ACTIVE, GOOD, BAD, UNCERTAIN }

    private final Group group;

    JobState(Group group) {
        this.group = group;
    }

    public Group group() {
        return group;
    }

    /** COMPLETED and every BAD state: the job will not change again. */
    public boolean isFinal() {
        return group == Group.GOOD || group == Group.BAD;
    }

    public boolean isActive() {
        return group == Group.ACTIVE;
    }

    /**
     * True for the final states of a command that ended by itself (COMPLETED, FAILED): only they
     * carry an exit code, on every backend. A job ended from outside (cancelled, killed at its
     * time limit or for its memory, its node lost, its dependency failed, lost) has none, whatever
     * the signal made its shell or the scheduler's accounting say; its reason says what ended it.
     */
    public boolean hasExitCode() {
        return this == COMPLETED || this == FAILED;
    }

    /** Any final state a scheduler can report for a job it ran (REJECTED never comes from one). */
    private static final Set<JobState> ENDINGS = EnumSet.of(COMPLETED, FAILED, CANCELLED, TIMEOUT,
            OUT_OF_MEMORY, NODE_FAIL, DEPENDENCY_FAILED, LOST);

    private static Set<JobState> endingsAnd(JobState... others) {
        Set<JobState> set = EnumSet.copyOf(ENDINGS);
        set.addAll(Set.of(others));
        return set;
    }

    /**
     * Who may follow whom. Polling may skip states (a short job can go from QUEUED to COMPLETED
     * between two polls), so each active state may go straight to any ending.
     */
    static final Map<JobState, Set<JobState>> TRANSITIONS = Map.ofEntries(
            // a job enters as ACCEPTED (stored) or REJECTED (never stored as runnable)
            Map.entry(ACCEPTED, endingsAnd(QUEUED, HELD, RUNNING, UNKNOWN)),
            Map.entry(QUEUED, endingsAnd(HELD, RUNNING, COMPLETING, SUSPENDED, PREEMPTED, REQUEUED, UNKNOWN)),
            Map.entry(HELD, endingsAnd(QUEUED, RUNNING, REQUEUED, UNKNOWN)),
            Map.entry(RUNNING, endingsAnd(COMPLETING, SUSPENDED, PREEMPTED, REQUEUED, UNKNOWN)),
            Map.entry(COMPLETING, endingsAnd(UNKNOWN)),
            Map.entry(SUSPENDED, endingsAnd(RUNNING, QUEUED, PREEMPTED, REQUEUED, UNKNOWN)),
            Map.entry(PREEMPTED, endingsAnd(QUEUED, HELD, RUNNING, REQUEUED, UNKNOWN)),
            Map.entry(REQUEUED, endingsAnd(QUEUED, HELD, RUNNING, PREEMPTED, UNKNOWN)),
            // unknown means "the scheduler could not tell us": the next answer may be anything
            Map.entry(UNKNOWN, endingsAnd(QUEUED, HELD, RUNNING, COMPLETING, SUSPENDED, PREEMPTED, REQUEUED)),
            Map.entry(COMPLETED, EnumSet.noneOf(JobState.class)),
            Map.entry(FAILED, EnumSet.noneOf(JobState.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(JobState.class)),
            Map.entry(TIMEOUT, EnumSet.noneOf(JobState.class)),
            Map.entry(OUT_OF_MEMORY, EnumSet.noneOf(JobState.class)),
            Map.entry(NODE_FAIL, EnumSet.noneOf(JobState.class)),
            Map.entry(DEPENDENCY_FAILED, EnumSet.noneOf(JobState.class)),
            Map.entry(LOST, EnumSet.noneOf(JobState.class)),
            Map.entry(REJECTED, EnumSet.noneOf(JobState.class)));

    public boolean canMoveTo(JobState next) {
        return TRANSITIONS.get(this).contains(next);
    }

    /** Throws {@link IllegalStateTransitionException} naming both states if the move is illegal. */
    public static void checkMove(JobState from, JobState to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateTransitionException(from, to);
        }
    }
}
