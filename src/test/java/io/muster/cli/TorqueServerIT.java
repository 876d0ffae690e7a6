package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.scheduler.torque.PbsCommands;
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
                .withTorque(GridSettings.defaults("torque").withMode(GridSettings.Mode.ON)
                        .withPollInterval(Duration.ofMillis(250))));
    }

    /** Reported per test, so that every skipped test shows the reason. */
    @BeforeEach
    void pbsCommandsAnswer() {
        assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    static void stop() throws Exception {
        if (muster != null) {
            muster.stop();
            container.shutdown();
        }
    }

    private static JobOutcome run(String command, String name, Map<String, Object> options) throws Exception {
        try (JmsSubmitter submitter = new JmsSubmitter(muster.broker().inVmConnectionFactory())) {
            return submitter.submitAndWait(new SubmitRequest(command, name, "torque", null, options), END);
        }
    }

    @Test
    void runsAJobOnTorqueAndReportsItsOutput() throws Exception {
        JobOutcome outcome = run("echo hi", "a-name-longer-than-pbs-allows", Map.of("cores", 1, "time", "00:05:00"));

        assertThat(outcome.state()).isEqualTo("COMPLETED");
        assertThat(outcome.exitCode()).isZero();
        assertThat(Files.readString(outcome.stdout())).isEqualTo("hi\n");
        assertThat(Files.readString(outcome.stdout().resolveSibling("wrapper.sh")))
                .contains("#PBS -N a-name-longer-t\n", "#PBS -l walltime=00:05:00\n");
    }

    @Test
    void reportsAFailedJobsExitCode() throws Exception {
        JobOutcome outcome = run("exit 3", "fails", Map.of());

        assertThat(outcome.state()).isEqualTo("FAILED");
        assertThat(outcome.exitCode()).isEqualTo(3);
    }
}
