package io.muster.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which final states must reach the disk before their event goes out: those only the store would remember. */
class FinalStateDurabilityTest {

    @TempDir
    Path jobDir;

    private JobRecord running() {
        return JobRecord.accepted(JobId.generate(), null, "t", "true", "local", null, Map.of(), jobDir)
                .withState(JobState.QUEUED, null).withState(JobState.RUNNING, null);
    }

    @Test
    void anEndItsWrapperRecordedNeedsNoFlushOfItsOwnSinceARestartReadsItAgain() throws Exception {
        Files.writeString(jobDir.resolve("exitcode"), "0\n");

        assertThat(JobLifecycle.endsJob(true, running().withExitCode(0).withState(JobState.COMPLETED, null))).isFalse();
        assertThat(JobLifecycle.endsJob(true, running().withExitCode(3).withState(JobState.FAILED, null))).isFalse();
    }

    @Test
    void anEndNoFileRecordsIsFlushedFirst() {
        assertThat(JobLifecycle.endsJob(true, running().withState(JobState.CANCELLED, "cancelled"))).isTrue();
        assertThat(JobLifecycle.endsJob(true, running().withState(JobState.TIMEOUT, "time"))).isTrue();
        assertThat(JobLifecycle.endsJob(true, running().withState(JobState.LOST, "gone"))).isTrue();
        assertThat(JobLifecycle.endsJob(true, running().withExitCode(137).withState(JobState.FAILED, "killed by signal 9")))
                .as("a death by signal: no exit-code file").isTrue();
    }

    @Test
    void aChangeThatEndsNothingIsNotFlushed() {
        assertThat(JobLifecycle.endsJob(false, running())).isFalse();
        assertThat(JobLifecycle.endsJob(true, running())).as("RUNNING is no end").isFalse();
    }
}
