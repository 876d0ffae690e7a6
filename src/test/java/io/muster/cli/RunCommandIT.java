package io.muster.cli;

import io.muster.testing.Processes;
import io.muster.testing.Processes.Result;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar target/muster.jar run ...} as a newcomer types it: the packaged jar, a fresh data directory. */
class RunCommandIT {

    @TempDir
    Path data;

    private Result muster(String... args) throws IOException, InterruptedException {
        return Processes.run(data, Processes.muster(args), Map.of(), Duration.ofMinutes(2));
    }

    @Test
    void runPrintsTheJobsOutputAndExitsWithItsCode() throws Exception {
        Result r = muster("run", "--data-dir", data.resolve("m").toString(), "-c", "2", "-m", "1GB", "--", "echo", "hi");

        assertThat(r.out()).isEqualTo("hi\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void runPassesStderrAndTheExitCodeThrough() throws Exception {
        Result r = muster("run", "--data-dir", data.resolve("m").toString(), "--", "echo out; echo err >&2; exit 3");

        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).contains("err\n");
        assertThat(r.exit()).isEqualTo(3);
    }

    @Test
    void issue12_runExitsWithTheCodeOfAnArgvGivenAfterDashes() throws Exception {
        Result r = muster("run", "--data-dir", data.resolve("m").toString(), "--", "sh", "-c", "echo out; echo err >&2; exit 7");

        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).contains("err\n");
        assertThat(r.exit()).isEqualTo(7);
    }

    @Test
    void rejectedRunPrintsEveryViolationAndExits125() throws Exception {
        Result r = muster("run", "--data-dir", data.resolve("m").toString(), "-m", "lots", "-o", "corse=2", "--", "true");

        assertThat(r.exit()).isEqualTo(RunCommand.REJECTED);
        assertThat(r.err()).contains("mem", "lots", "corse", "did you mean cores?");
    }
}
