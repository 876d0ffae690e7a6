package io.muster.scheduler.local;

import io.muster.api.JobState;
import io.muster.options.WallTime;
import io.muster.scheduler.SchedulerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a started job ended, from what is known when its process is gone: how the pool was ending
 * it (cancel, time limit), the exit code its wrapper recorded, and what waiting for the process
 * told (its exit code or signal; nothing for a process the pool did not start).
 */
final class Settlement {

    private Settlement() {
    }

    /**
     * @param ending        how the pool was ending it, or null
     * @param limit         its time limit (for the reason of a TIMEOUT)
     * @param recorded      the exit code in its exit-code file
     * @param waitExitCode  the process's exit code as waited for, or null
     * @param signal        the signal that killed the process, or null
     * @param pid           its process id (for the reason of a LOST job)
     */
    static SchedulerStatus of(JobPhase.Ending ending, Duration limit, Optional<Integer> recorded,
                              Integer waitExitCode, Integer signal, long pid, Instant started, Instant ended) {
        return of(ending, limit, recorded, waitExitCode, signal, pid, started, ended, false, false);
    }

    /**
     * @param watchedItGo   a server watched the process (re-attached, not its spawner's) and saw it
     *                      go: not LOST, since one was watching, but FAILED as a killed wrapper is
     * @param leftoversKilled processes of its group outlived the wrapper and the pool killed them
     */
    static SchedulerStatus of(JobPhase.Ending ending, Duration limit, Optional<Integer> recorded,
                              Integer waitExitCode, Integer signal, long pid, Instant started, Instant ended,
                              boolean watchedItGo, boolean leftoversKilled) {
        String leftovers = leftoversKilled ? "; the processes it left in its group were killed" : "";
        Integer exitCode = recorded.orElse(null);
        JobState state;
        String reason = null;
        if (ending == JobPhase.Ending.CANCEL) {
            state = JobState.CANCELLED;
            reason = "cancelled";
        } else if (ending == JobPhase.Ending.TIMEOUT) {
            state = JobState.TIMEOUT;
            reason = "ran past its time limit of " + WallTime.format(limit);
        } else if (recorded.isPresent()) {
            state = exitCode == 0 ? JobState.COMPLETED : JobState.FAILED;
        } else if (signal != null) {
            state = JobState.FAILED;
            // as bash reports a death by signal N, and as the grid backends do
            exitCode = 128 + signal;
            reason = "killed by signal " + signal + (signal == 9 ? " (SIGKILL: out of memory, or killed by hand?)" : "")
                    + leftovers;
        } else if (waitExitCode != null) {
            state = JobState.FAILED;
            exitCode = waitExitCode;
            reason = "the wrapper ended with exit code " + waitExitCode + " without recording the job's" + leftovers;
        } else if (watchedItGo) {
            state = JobState.FAILED;
            reason = "its wrapper, process " + pid + ", ended without writing an exit code while the server watched"
                    + " it (killed by hand, or out of memory?)" + leftovers;
        } else {
            state = JobState.LOST;
            reason = "process " + pid + " ended without writing an exit code, while no server was watching it; its"
                    + " end time is when its files were last written";
        }
        return new SchedulerStatus(state, exitCode, reason, started, ended);
    }
}
