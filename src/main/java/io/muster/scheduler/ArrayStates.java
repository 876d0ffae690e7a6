package io.muster.scheduler;

import io.muster.api.JobState;
import io.muster.job.Placement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One status for an array job out of its tasks' (Slurm's rows, PBS's tasks, Grid Engine's rows):
 * running if any task runs, else waiting if any task waits, else failed (the first task that did
 * not complete, with its exit code and reason) if any failed, else completed. Started is the
 * earliest task's start, ended the latest task's end; where it runs is a running task's place.
 */
public final class ArrayStates {

    private ArrayStates() {
    }

    public static SchedulerStatus aggregate(List<SchedulerStatus> tasks) {
        if (tasks.size() == 1) {
            return tasks.get(0);
        }
        SchedulerStatus whole = states(tasks);
        // where the array is: a running task's place, else the first task's (its partition)
        Placement where = tasks.stream().filter(t -> t.state() == JobState.RUNNING && t.placement() != null)
                .map(SchedulerStatus::placement).findFirst()
                .orElse(tasks.stream().map(SchedulerStatus::placement).filter(Objects::nonNull).findFirst().orElse(null));
        return whole.placement() != null ? whole : whole.placed(where);
    }

    private static SchedulerStatus states(List<SchedulerStatus> tasks) {
        Instant started = tasks.stream().map(SchedulerStatus::started).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        if (tasks.stream().anyMatch(t -> t.state() == JobState.RUNNING || t.state() == JobState.COMPLETING)) {
            return new SchedulerStatus(JobState.RUNNING, null, null, started, null);
        }
        for (SchedulerStatus t : tasks) {
            if (!t.state().isFinal()) {
                return new SchedulerStatus(t.state(), null, t.reason(), started, null);
            }
        }
        Instant ended = tasks.stream().map(SchedulerStatus::ended).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        for (SchedulerStatus t : tasks) {
            if (t.state() != JobState.COMPLETED) {
                return new SchedulerStatus(t.state(), t.exitCode(), t.reason(), started, ended);
            }
        }
        return new SchedulerStatus(JobState.COMPLETED, 0, null, started, ended);
    }
}
