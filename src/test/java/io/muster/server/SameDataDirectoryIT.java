package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.cli.MusterCli;
import io.muster.testing.PackagedServer;
import io.muster.testing.Processes;
import io.muster.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers started on one data directory, whose H2 file only one process can open: the second
 * stops at start with one configuration line saying the database is in use (not a stack trace),
 * and the first keeps running.
 */
class SameDataDirectoryIT {

    @TempDir
    Path dir;

    @Test
    void aSecondServerOnTheSameDataDirectoryStopsWithOneLineSayingItsDatabaseIsInUse() throws Exception {
        Path data = dir.resolve("data");
        Process first = PackagedServer.start(data, TestServer.freePort(), 0, dir.resolve("first.log"), Map.of(),
                Duration.ofMinutes(2));
        try {
            Processes.Result second = Processes.run(dir, Processes.muster("server", "--data-dir", data.toString(),
                    "--port", String.valueOf(TestServer.freePort()), "--http-port", "0"),
                    Map.of("MUSTER_SLURM", "off", "MUSTER_TORQUE", "off", "MUSTER_SGE", "off"), Duration.ofMinutes(2));

            assertThat(second.exit()).as(second.err()).isEqualTo(MusterCli.BAD_CONFIG);
            List<String> lines = second.err().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as("stderr").hasSize(1);
            assertThat(lines.get(0)).startsWith("muster: configuration error: setting server.data_dir: the database in "
                    + data + " is in use by another process");
            assertThat(second.out()).doesNotContain("\tat ");
            assertThat(first.isAlive()).as("the first server").isTrue();
        } finally {
            first.destroy();
            if (!first.waitFor(30, TimeUnit.SECONDS)) {
                first.destroyForcibly();
            }
        }
    }
}
