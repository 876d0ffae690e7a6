package io.muster.scheduler.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.scheduler.local.JobPhase.Ending;
import io.muster.scheduler.local.JobPhase.Stage;
import org.junit.jupiter.api.Test;

class JobPhaseTest {

    @Test
    void aCancelAskedWhileStartingIsStillThereOnceTheJobRuns() {
        JobPhase phase = JobPhase.QUEUED.starting().endingBy(Ending.CANCEL).running(false);

        assertThat(phase.stage()).isEqualTo(Stage.RUNNING);
        assertThat(phase.ending()).isEqualTo(Ending.CANCEL);
        assertThat(phase.watched()).isFalse();
    }

    @Test
    void theFirstEndingCountsATimeoutAfterACancelChangesNothing() {
        JobPhase cancelled = JobPhase.QUEUED.starting().running(false).endingBy(Ending.CANCEL);

        assertThat(cancelled.endingBy(Ending.TIMEOUT)).isEqualTo(cancelled);
    }

    @Test
    void aJobWhoseSpawnerDiedIsWatchedFromThenOnAndKeepsItsEnding() {
        JobPhase phase = JobPhase.QUEUED.starting().running(false).endingBy(Ending.TIMEOUT).watchedFromNow();

        assertThat(phase).isEqualTo(new JobPhase(Stage.RUNNING, Ending.TIMEOUT, true));
    }

    @Test
    void aNewJobIsQueuedOrWaitingWithNothingEndingIt() {
        assertThat(JobPhase.QUEUED.is(Stage.QUEUED)).isTrue();
        assertThat(JobPhase.WAITING.is(Stage.WAITING)).isTrue();
        assertThat(JobPhase.QUEUED.isEnding()).isFalse();
    }
}
