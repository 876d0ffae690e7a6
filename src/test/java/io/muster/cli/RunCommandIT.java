package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar target/muster.jar run ...} as a newcomer types it: the packaged jar, a fresh data directory. */
class RunCommandIT {

    @TempDir
    Path data;

    record Result(int exit, String stdout, String stderr) {
    }

    private Result muster(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "muster.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = data.resolve("cli.out");
        Path err = data.resolve("cli.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("muster %s ends", String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runPrintsTheJobsOutputAndExitsWithItsCode() throws Exception {
        Result r = muster("run", "--data-dir", data.resolve("m").toString(), "-c", "2", "-m", "1GB", "--", "echo", "hi");

        assertThat(r.stdout()).isEqualTo("hi\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void runPassesStderrAndTheExitCodeThrough() throws Exception {
        Result r = muster("run", "--data-dir", data.resolve("m").toString(), "--", "echo out; echo err >&2; exit 3");

        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).contains("err\n");
        assertThat(r.exit()).isEqualTo(3);
    }

    @Test
    void rejectedRunPrintsEveryViolationAndExits125() throws Exception {
        Result r = muster("run", "--data-dir", data.resolve("m").toString(), "-m", "lots", "-o", "corse=2", "--", "true");

        assertThat(r.exit()).isEqualTo(RunCommand.REJECTED);
        assertThat(r.stderr()).contains("mem", "lots", "corse", "did you mean cores?");
    }

    @Test
    void benchRunsEveryPhaseOnASmallLoad() throws Exception {
        Result r = muster("bench", "--jobs", "20", "--warmup", "0", "--paced", "5", "--cpu-jobs", "2",
                "--cpu-seconds", "0.2");

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("xargs -P2", "local pool alone", "muster: JSON in, events out", "Latency",
                "CPU-bound");
    }
}
