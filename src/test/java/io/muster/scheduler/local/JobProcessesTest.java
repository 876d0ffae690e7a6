package io.muster.scheduler.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.job.JobFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobProcessesTest {

    @TempDir
    Path dir;

    @Test
    void readsThePidOfAPidFileAndNothingOfAMissingOrBadOne() throws Exception {
        assertThat(JobProcesses.readPid(Files.writeString(dir.resolve("pid"), "1234\n"))).contains(1234L);
        assertThat(JobProcesses.readPid(dir.resolve("none"))).isEmpty();
        assertThat(JobProcesses.readPid(Files.writeString(dir.resolve("bad"), "x"))).isEmpty();
        assertThat(JobProcesses.readPid(Files.writeString(dir.resolve("empty"), ""))).isEmpty();
    }

    @Test
    void aProcessIsAJobsOnlyWhileItIsAliveAndRunsThatJobsWrapper() throws Exception {
        JobFiles files = new JobFiles(dir);
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(JobProcesses.ours(other.pid(), files)).as("a live process running something else").isFalse();
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertThat(JobProcesses.ours(other.pid(), files)).as("a process gone").isFalse();
        assertThat(JobProcesses.ours(1, files)).isFalse();
    }

    @Test
    void aJobsOwnWrapperProcessIsOurs() throws Exception {
        JobFiles files = new JobFiles(dir);
        Files.writeString(files.wrapper(), "sleep 30\n");
        Process wrapper = new ProcessBuilder("bash", files.wrapper().toString()).start();
        try {
            assertThat(JobProcesses.ours(wrapper.pid(), files)).isTrue();
        } finally {
            wrapper.destroyForcibly().waitFor();
        }
    }

    @Test
    void tellsWhenAFileWasLastWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("exitcode"), "0");

        assertThat(JobProcesses.modified(file)).contains(Files.getLastModifiedTime(file).toInstant());
        assertThat(JobProcesses.modified(dir.resolve("none"))).isEmpty();
    }
}
