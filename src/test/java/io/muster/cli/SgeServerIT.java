package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.scheduler.sge.SgeCell;
import io.muster.server.MusterServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole Muster server with the Grid Engine backend switched on (through the registry of
 * backends, as a server reads its settings), fed submissions over JMS (in-VM), against the real
 * cell. Skipped locally without a cell, failed in CI.
 */
class SgeServerIT {

    private static final Duration END = Duration.ofMinutes(3);

    @TempDir
    static Path data;

    private static WeldContainer container;
    private static MusterServer muster;

    @BeforeAll
    static void startWithGridEngineOn() throws Exception {
        try {
            SgeCell.assumeRunning();
        } catch (org.opentest4j.TestAbortedException | AssertionError e) {
            return; // reported per test by assumeRunning below
        }
        Logs.configure(true);
        container = Container.start();
        muster = container.select(MusterServer.class).get();
        muster.start(new MusterConfig(data, MusterConfig.DEFAULT_BROKER_HOST, 0, 1, 1024, 8)
                .withGrid(SgeCell.settings().withMode(GridSettings.Mode.ON).withPollInterval(Duration.ofMillis(250))));
    }

    @BeforeEach
    void theCellAnswers() {
        SgeCell.assumeRunning();
    }

    @AfterAll
    static void stop() throws Exception {
        if (muster != null) {
            muster.stop();
            container.shutdown();
        }
    }

    private static JobHandle run(Muster client, String command, String name, Map<String, Object> options,
                                 JobHandle... after) throws Exception {
        JobRequest request = client.command(command).name(name).backend("sge");
        options.forEach(request::option);
        for (JobHandle dependency : after) {
            request.dependsOn(dependency);
        }
        return client.submit(request);
    }

    @Test
    void runsAJobOnGridEngineAndReportsItsOutput() throws Exception {
        try (Muster client = Muster.connect(muster.broker().clientUrl())) {
            JobHandle job = run(client, "echo hi", "2nd-echo", Map.of("cores", 1, "time", "00:05:00"));
            job.await(END);

            assertThat(job.state()).isEqualTo(JobState.COMPLETED);
            assertThat(job.exitCode()).isZero();
            assertThat(job.stdout()).isEqualTo("hi\n");
            Path wrapper = muster.config().workRoot().resolve("jobs").resolve(job.id()).resolve("wrapper.sh");
            assertThat(Files.readString(wrapper)).contains("#$ -N j2nd-echo\n", "#$ -l h_rt=00:05:00\n");
        }
    }

    @Test
    void aDependantOfAFailedJobEndsDependencyFailedAndItsOwnDependantToo() throws Exception {
        try (Muster client = Muster.connect(muster.broker().clientUrl())) {
            JobHandle failing = run(client, "exit 3", "fails", Map.of());
            JobHandle dependant = run(client, "echo never", "dependant", Map.of(), failing);
            JobHandle third = run(client, "echo never", "third", Map.of(), dependant);
            third.await(END);

            assertThat(failing.await(END)).isEqualTo(JobState.FAILED);
            assertThat(dependant.await(END)).isEqualTo(JobState.DEPENDENCY_FAILED);
            assertThat(third.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        }
    }
}
