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
}
