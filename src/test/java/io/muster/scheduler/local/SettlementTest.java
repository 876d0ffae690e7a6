package io.muster.scheduler.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.scheduler.SchedulerStatus;
import io.muster.scheduler.local.JobPhase.Ending;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant END = START.plusSeconds(60);

    private static SchedulerStatus settle(Ending ending, Optional<Integer> recorded, Integer waited, Integer signal) {
        return Settlement.of(ending, Duration.ofSeconds(30), recorded, waited, signal, 4242, START, END);
    }

    @Test
    void theRecordedExitCodeDecidesBetweenCompletedAndFailed() {
        assertThat(settle(null, Optional.of(0), 0, null).state()).isEqualTo(JobState.COMPLETED);
        assertThat(settle(null, Optional.of(3), 3, null)).satisfies(s -> {
            assertThat(s.state()).isEqualTo(JobState.FAILED);
            assertThat(s.exitCode()).isEqualTo(3);
            assertThat(s.started()).isEqualTo(START);
            assertThat(s.ended()).isEqualTo(END);
        });
    }

    @Test
    void aJobThePoolWasEndingIsCancelledOrTimedOutWhateverItsCode() {
        assertThat(settle(Ending.CANCEL, Optional.of(143), null, 15).state()).isEqualTo(JobState.CANCELLED);
        assertThat(settle(Ending.TIMEOUT, Optional.empty(), null, 15).reason())
                .isEqualTo("ran past its time limit of 00:00:30");
    }

    @Test
    void withoutARecordedCodeASignalAWaitedCodeOrNothingSayWhatHappened() {
        assertThat(settle(null, Optional.empty(), null, 9).reason()).startsWith("killed by signal 9 (SIGKILL");
        // a death by signal N reports 128+N, as bash does and the grid backends do
        assertThat(settle(null, Optional.empty(), null, 9).exitCode()).isEqualTo(137);
        assertThat(settle(null, Optional.empty(), null, 9).state()).isEqualTo(JobState.FAILED);
        assertThat(settle(null, Optional.empty(), 2, null)).satisfies(s -> {
            assertThat(s.state()).isEqualTo(JobState.FAILED);
            assertThat(s.exitCode()).isEqualTo(2);
        });
        assertThat(settle(null, Optional.empty(), null, null)).satisfies(s -> {
            assertThat(s.state()).isEqualTo(JobState.LOST);
            assertThat(s.reason()).contains("process 4242");
        });
    }
}
