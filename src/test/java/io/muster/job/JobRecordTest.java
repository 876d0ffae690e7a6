package io.muster.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.api.JobState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobRecordTest {

    private static JobRecord aRunningJob() {
        return JobRecord.accepted(JobId.of("mwxabcde-11111"), null, "sleep", "sleep 60", "slurm", null, Map.of(),
                Path.of("/srv/muster/jobs/mwxabcde-11111")).withState(JobState.RUNNING, null);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = JobState.class, names = {"CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "LOST"})
    void issue12_aJobEndedFromOutsideHasNoExitCodeWhateverTheSignalMadeOfIt(JobState ending) {
        JobRecord killed = aRunningJob().withExitCode(143).withState(ending, "ended from outside");

        assertThat(killed.exitCode()).isNull();
        assertThat(killed.withExitCode(0).exitCode()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = JobState.class, names = {"COMPLETED", "FAILED"})
    void issue12_aJobThatEndedByItselfKeepsItsExitCode(JobState ending) {
        int code = ending == JobState.COMPLETED ? 0 : 3;

        assertThat(aRunningJob().withExitCode(code).withState(ending, null).exitCode()).isEqualTo(code);
    }

    /** Regression: a finished Slurm job kept "Resources", the reason it once waited for. */
    @org.junit.jupiter.api.Test
    void aJobLeavingTheQueueDropsItsWaitingReasonUnlessItsNextStateHasOne() {
        // given a job that waited for resources
        JobRecord waiting = JobRecord.accepted(JobId.of("mwxabcde-22222"), null, "sleep", "sleep 60", "slurm", null,
                Map.of(), Path.of("/srv/muster/jobs/mwxabcde-22222")).withState(JobState.QUEUED, "Resources");

        // when it runs or ends with no reason of its own, then the waiting reason is gone
        assertThat(waiting.withState(JobState.RUNNING, null).reason()).isNull();
        assertThat(waiting.withState(JobState.RUNNING, null).withState(JobState.COMPLETED, null).reason()).isNull();
        assertThat(waiting.withState(JobState.COMPLETED, null).reason()).isNull();
        // and a reason that explains the end is kept, as is a waiting job's while it waits
        assertThat(waiting.withState(JobState.FAILED, "NonZeroExitCode").reason()).isEqualTo("NonZeroExitCode");
        assertThat(waiting.withState(JobState.HELD, null).reason()).isEqualTo("Resources");
    }
}
