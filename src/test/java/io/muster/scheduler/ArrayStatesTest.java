package io.muster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayStatesTest {

    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-01T10:05:00Z");

    private static SchedulerStatus task(JobState state, Integer code, Instant started, Instant ended) {
        return new SchedulerStatus(state, code, state + " task", started, ended);
    }

    @Test
    void anArrayRunsWhileAnyTaskRunsFromItsEarliestStart() {
        SchedulerStatus whole = ArrayStates.aggregate(List.of(task(JobState.COMPLETED, 0, T1, T2),
                task(JobState.RUNNING, null, T2, null), task(JobState.QUEUED, null, null, null)));

        assertThat(whole.state()).isEqualTo(JobState.RUNNING);
        assertThat(whole.started()).isEqualTo(T1);
    }

    @Test
    void anArrayWithNoTaskRunningWaitsWhileAnyTaskWaits() {
        SchedulerStatus whole = ArrayStates.aggregate(List.of(task(JobState.FAILED, 1, T1, T2),
                task(JobState.HELD, null, null, null)));

        assertThat(whole.state()).isEqualTo(JobState.HELD);
        assertThat(whole.reason()).isEqualTo("HELD task");
    }

    @Test
    void anEndedArrayIsItsFirstTaskThatDidNotCompleteElseCompletedFromFirstStartToLastEnd() {
        SchedulerStatus failed = ArrayStates.aggregate(List.of(task(JobState.COMPLETED, 0, T1, T1),
                task(JobState.FAILED, 3, T1, T2)));
        SchedulerStatus completed = ArrayStates.aggregate(List.of(task(JobState.COMPLETED, 0, T1, T1),
                task(JobState.COMPLETED, 0, T2, T2)));

        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(completed.state()).isEqualTo(JobState.COMPLETED);
        assertThat(completed.started()).isEqualTo(T1);
        assertThat(completed.ended()).isEqualTo(T2);
    }
}
