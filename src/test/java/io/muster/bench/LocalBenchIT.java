package io.muster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.Processes;
import io.muster.testing.Processes.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local pool's benchmark as bench/local-bench.sh runs it: the packaged jar, which holds no
 * benchmark, with the benchmark's own classes beside it.
 */
class LocalBenchIT {

    @TempDir
    Path data;

    private Result bench(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target", "muster.jar").toAbsolutePath() + ":" + Path.of("target", "bench-classes").toAbsolutePath(),
                "io.muster.bench.BenchCommand"));
        command.addAll(List.of(args));
        return Processes.run(data, command, Map.of(), Duration.ofMinutes(2));
    }

    @Test
    void benchRunsEveryPhaseOnASmallLoad() throws Exception {
        Result r = bench("--jobs", "20", "--warmup", "0", "--paced", "5", "--cpu-jobs", "2",
                "--cpu-seconds", "0.2");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("xargs -P2", "local pool alone", "muster: JSON in, events out", "Latency",
                "CPU-bound");
    }

    @Test
    void theJarUsersRunHasNoBenchCommand() throws Exception {
        Result r = Processes.run(data, Processes.muster("bench", "--jobs", "1"), Map.of(), Duration.ofMinutes(1));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument");
    }
}
