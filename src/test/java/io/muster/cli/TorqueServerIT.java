package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.scheduler.torque.PbsCommands;
import io.muster.server.MusterServer;
import io.muster.testing.RealService;
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
 * A whole Muster server with the Torque backend switched on, fed JSON submissions over JMS
 * (in-VM, no TCP port), against the PBS commands of the test machine. Skipped, with the reason,
 * where no PBS commands answer.
 */
class TorqueServerIT {

    private static final Duration END = Duration.ofMinutes(5);

    @TempDir
    static Path data;

    private static WeldContainer container;
    private static MusterServer muster;

    /** Why the PBS commands cannot be tested here, or null if they can. */
    private static String unavailable;

    @BeforeAll
    static void startWithTorqueOn() throws Exception {
        unavailable = PbsCommands.whyUnavailable();
        if (unavailable != null) {
            return;
        }
        Logs.configure(true);
        container = Container.start();
        muster = container.select(MusterServer.class).get();
        muster.start(new MusterConfig(data, MusterConfig.DEFAULT_BROKER_HOST, 0, 1, 1024, 8)
                .withTorque(PbsCommands.settings().withMode(GridSettings.Mode.ON)
                        .withPollInterval(Duration.ofMillis(250))));
    }

    /** Reported per test, so that every skipped test shows the reason. */
    @BeforeEach
    void pbsCommandsAnswer() {
        RealService.require(unavailable);
    }

    @AfterAll
    static void stop() throws Exception {
        if (muster != null) {
            muster.stop();
            container.shutdown();
        }
    }

    /** Submits over JMS through the Java client, as any outside program would, and waits for the end. */
    private static JobHandle run(String command, String name, Map<String, Object> options) throws Exception {
        try (Muster client = Muster.connect(muster.broker().clientUrl())) {
            JobRequest request = client.command(command).name(name).backend("torque");
            options.forEach(request::option);
            JobHandle handle = client.submit(request);
            handle.await(END);
            return handle;
        }
    }

    @Test
    void runsAJobOnTorqueAndReportsItsOutput() throws Exception {
        JobHandle job = run("echo hi", "a-name-longer-than-pbs-allows", Map.of("cores", 1, "time", "00:05:00"));

        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.exitCode()).isZero();
        assertThat(job.stdout()).isEqualTo("hi\n");
        Path wrapper = muster.config().workRoot().resolve("jobs").resolve(job.id()).resolve("wrapper.sh");
        String tail = job.id().substring(job.id().length() - 5);
        assertThat(Files.readString(wrapper)).contains("#PBS -N a-name-lo-" + tail + "\n", "#PBS -l walltime=00:05:00\n");
    }

    @Test
    void reportsAFailedJobsExitCode() throws Exception {
        JobHandle job = run("exit 3", "fails", Map.of());

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.exitCode()).isEqualTo(3);
    }
}
