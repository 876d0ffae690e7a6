package io.muster.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.testing.PackagedServer;
import io.muster.testing.Processes.Result;
import io.muster.testing.Processes;
import io.muster.testing.TestServer;
import java.io.File;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code server-config/systemd/muster.service} relies on: SIGTERM (what systemd sends the main
 * process, {@code KillMode=process}) stops the packaged server gracefully, with exit status 143
 * ({@code SuccessExitStatus=143}), without a SEVERE (or WARNING) line in its log, and leaves its jobs
 * running; the next start takes them back and they end with their output.
 */
class GracefulStopIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path data;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        PackagedServer.stopIfAlive(server);
    }

    @Test
    void givenARunningJobSigtermStopsTheServerWithoutSevereLinesAndTheJobRunsOnIntoTheNextStart() throws Exception {
        int port = TestServer.freePort();
        int http = TestServer.freePort();
        Path firstLog = data.resolve("first.log");
        server = start(port, http, firstLog);
        Result submitted = muster("submit", "--url", url(port), "--", "sleep 6; echo survived the stop");
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String id = submitted.line();
        Path pidFile = data.resolve("m/jobs").resolve(id).resolve("pid");
        await().atMost(WAIT).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long pid = Long.parseLong(Files.readString(pidFile).trim());

        server.destroy(); // SIGTERM
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stopped within 60 s").isTrue();

        assertThat(server.exitValue()).isEqualTo(143);
        String log = Files.readString(firstLog);
        assertThat(log).contains("INFO    [io.muster.server.MusterServer] Muster is listening")
                .contains("INFO    [io.muster.server.MusterServer] stopping (SIGTERM or Ctrl-C); 1 local jobs keep running")
                .contains("INFO    [io.muster.server.MusterServer] stopped")
                .doesNotContain("SEVERE").doesNotContain("WARNING").doesNotContain("Exception");
        assertThat(ProcessHandle.of(pid)).as("the job's process outlives the server").hasValueSatisfying(p ->
                assertThat(p.isAlive()).isTrue());
        assertThat(Files.exists(data.resolve("m/jobs").resolve(id).resolve("exitcode"))).isFalse();

        server = start(port, http, data.resolve("second.log"));
        Result got = muster("get", "--url", url(port), id);
        assertThat(got.exit()).as(got.err()).isZero();
        assertThat(got.out()).isEqualTo("survived the stop\n");
    }

    private Process start(int port, int http, Path log) throws Exception {
        return PackagedServer.start(data.resolve("m"), port, http, log, Map.of(), WAIT);
    }

    private Result muster(String... args) throws Exception {
        return Processes.run(data, Processes.muster(args), Map.of(), WAIT);
    }

    private static String url(int port) {
        return "tcp://127.0.0.1:" + port;
    }

}
