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
        return bench(Map.of(), args);
    }

    private Result bench(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target", "muster.jar").toAbsolutePath() + ":" + Path.of("target", "bench-classes").toAbsolutePath(),
                "io.muster.bench.BenchCommand"));
        command.addAll(List.of(args));
        return Processes.run(data, command, env, Duration.ofMinutes(3));
    }

    @Test
    void benchRunsEveryPhaseOnASmallLoad() throws Exception {
        Result r = bench("--jobs", "20", "--warmup", "0", "--paced", "5", "--cpu-jobs", "2",
                "--cpu-seconds", "0.2", "--in-flight", "50", "--settle", "1", "--steady", "10");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("xargs -P2", "local pool alone", "muster, just started", "muster, 10 jobs later",
                "of which the JIT compiler", "Latency", "CPU-bound", "In flight: 50 x 'sleep 3600'",
                "after 1 s more in flight", "processes of theirs left: 0");
        assertThat(r.out()).as("how dear files are to create, at both ends: the noisiest part of a run")
                .containsPattern("File system at the start: a job's directory and two scripts take [0-9]+ us")
                .containsPattern("File system at the end: a job's directory and two scripts take [0-9]+ us");
    }

    @Test
    void severalServersOnOneBrokerAndDatabaseAreComparedWithOne() throws Exception {
        String broker = System.getenv("MUSTER_TEST_BROKER_URL");
        io.muster.testing.RealService.require(broker == null ? "MUSTER_TEST_BROKER_URL is not set (server-config/artemis/"
                + "start.sh starts the standalone broker; .ci/run sets it)" : null);
        try (io.muster.testing.TestDatabase.Fresh db = io.muster.testing.TestDatabase.POSTGRESQL.open()) {
            Map<String, String> env = Map.of("MUSTER_BROKER_URL", broker,
                    "MUSTER_BROKER_USER", System.getenv().getOrDefault("MUSTER_TEST_BROKER_USER", "muster"),
                    "MUSTER_BROKER_PASSWORD", System.getenv().getOrDefault("MUSTER_TEST_BROKER_PASSWORD", "muster-test"),
                    "MUSTER_DATABASE_USER", io.muster.testing.TestDatabase.user(),
                    "MUSTER_DATABASE_PASSWORD", io.muster.testing.TestDatabase.password());
            Result r = bench(env, "--servers", "2", "--jobs", "20", "--warmup", "0", "--broker-url", broker,
                    "--database-url", db.database().url());

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("1 server(s), 2 cores each", "2 server(s), 2 cores each", "2 servers / 1 server:")
                    .doesNotContain("did not complete");
        }
    }

    @Test
    void severalServersNeedTheBrokerAndDatabaseTheyShare() throws Exception {
        Result r = bench("--servers", "2", "--jobs", "1");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--servers 2 needs --broker-url and --database-url");
    }

    @Test
    void theJarUsersRunHasNoBenchCommand() throws Exception {
        Result r = Processes.run(data, Processes.muster("bench", "--jobs", "1"), Map.of(), Duration.ofMinutes(1));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument");
    }
}
