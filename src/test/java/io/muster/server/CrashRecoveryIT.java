package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.FlowXml;
import io.muster.testing.PackagedServer;
import io.muster.testing.Processes.Result;
import io.muster.testing.Processes;
import io.muster.testing.TestServer;
import java.io.File;
import java.nio.file.Files;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.awaitility.Awaitility.await;

/**
 * Nothing accepted is lost when the server dies: the packaged server is killed with SIGKILL while
 * its jobs run, started again on the same data directory, and every job still ends with its output.
 */
class CrashRecoveryIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path data;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        PackagedServer.stopIfAlive(server);
    }

    @Test
    void jobsRunningWhenTheServerIsKilledEndCompletedAfterARestart() throws Exception {
        int port = TestServer.freePort();
        server = startServer(port);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Result submitted = muster("submit", "--url", url(port), "--", "sleep 3; echo done " + i);
            assertThat(submitted.exit()).as(submitted.err()).isZero();
            ids.add(submitted.line());
        }

        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        server = startServer(port);

        List<String> wait = new ArrayList<>(List.of("wait", "--url", url(port), "--timeout", "90"));
        wait.addAll(ids);
        Result waited = muster(wait.toArray(String[]::new));
        assertThat(waited.exit()).as(waited.err()).isZero();
        List<String> get = new ArrayList<>(List.of("get", "--url", url(port)));
        get.addAll(ids);
        assertThat(muster(get.toArray(String[]::new)).out()).isEqualTo("done 1\ndone 2\ndone 3\n");
    }

    /** A flow whose first step is still running when the server dies. */
    private static FlowXml slowThenAfter(String id) {
        return FlowXml.flow(id)
                .step("slow", "echo run >> runs.log; sleep 10; echo one > one.txt")
                .step("after", "cat one.txt > two.txt")
                .everyStep("backend", "local");
    }

    /** Starts {@code flow} working in {@code work}, kills the server once its first step runs; the execution id. */
    private String startFlowAndKillTheServerMidStep(Path flow, Path work, int port) throws Exception {
        server = startServer(port);
        Result started = muster("flow", "start", "--url", url(port), "--detach", "-p", "workDir=" + work, flow.toString());
        assertThat(started.exit()).as(started.err()).isZero();
        String execution = started.line().replaceAll("\\D+", " ").trim().split(" ")[0];
        await().atMost(WAIT).until(() -> Files.exists(work.resolve("runs.log")));
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        return execution;
    }

    @Test
    void aFlowRunningWhenTheServerIsKilledGoesOnAfterARestartWithoutRerunningItsRunningJob() throws Exception {
        // given a flow whose first step's job is running
        Path flow = slowThenAfter("crash-chain").writeTo(data.resolve("crash-chain.xml"));
        Path work = Files.createDirectories(data.resolve("work"));
        int port = TestServer.freePort();

        // when the server dies and comes back
        String execution = startFlowAndKillTheServerMidStep(flow, work, port);
        server = startServer(port);

        // then the flow goes on to its end, and the running step's command ran once
        await().atMost(WAIT).until(() -> Files.exists(work.resolve("two.txt")) && Files.size(work.resolve("two.txt")) > 0);
        assertThat(Files.readString(work.resolve("two.txt"))).isEqualTo("one\n");
        assertThat(Files.readAllLines(work.resolve("runs.log"))).containsExactly("run");
        Result status = muster("flow", "status", "--url", url(port), execution);
        assertThat(status.out()).as(status.err()).contains("execution " + execution + ": FAILED")
                .containsPattern("executions of this run: \\[" + execution + ",\\d+]");
        assertThat(Files.readString(data.resolve("server.log")))
                .contains("flow execution " + execution + " was running when the server stopped");
    }

    @Test
    void aFlowThatCannotBeRestartedAfterACrashIsMarkedFailedSaysWhyAndIsNotTriedAgain() throws Exception {
        // given a running flow whose file is gone when the server comes back
        Path flow = slowThenAfter("gone").writeTo(data.resolve("gone.xml"));
        Path work = Files.createDirectories(data.resolve("work-gone"));
        int port = TestServer.freePort();
        String execution = startFlowAndKillTheServerMidStep(flow, work, port);
        Files.delete(flow);

        // when
        server = startServer(port);

        // then
        Result status = muster("flow", "status", "--url", url(port), execution);
        assertThat(status.out()).as(status.err()).contains("execution " + execution + ": FAILED")
                .contains("restarting it failed");
        server.destroy();
        server.waitFor(30, TimeUnit.SECONDS);
        server = startServer(port);
        assertThat(Files.readString(data.resolve("server.log"))).doesNotContain("execution " + execution + " was running");
    }

    private Process startServer(int port) throws Exception {
        return PackagedServer.start(data.resolve("m"), port, 0, data.resolve("server.log"), Map.of(), WAIT);
    }

    private Result muster(String... args) throws Exception {
        return Processes.run(data, Processes.muster(args), Map.of(), WAIT);
    }

    private static String url(int port) {
        return "tcp://127.0.0.1:" + port;
    }

}
