package io.muster.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TorqueSettingsTest {

    @Test
    void torqueIsAutoByDefaultAndReadsItsOwnVariables() {
        GridSettings byDefault = MusterConfig.fromEnvironment(Map.of("MUSTER_HOME", "/tmp/m")).torque();
        GridSettings set = MusterConfig.fromEnvironment(Map.of("MUSTER_HOME", "/tmp/m", "MUSTER_TORQUE", "on",
                "MUSTER_TORQUE_POLL_MS", "250", "MUSTER_SLURM", "off")).torque();

        assertThat(byDefault.mode()).isEqualTo(GridSettings.Mode.AUTO);
        assertThat(set.backend()).isEqualTo("torque");
        assertThat(set.mode()).isEqualTo(GridSettings.Mode.ON);
        assertThat(set.pollInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aConfigBuiltInCodeRunsNoTorqueUnlessAskedAndKeepsItThroughOtherChanges() {
        MusterConfig config = new MusterConfig(Path.of("/tmp/m"), "127.0.0.1", 0, 1, 100, 4);
        MusterConfig on = config.withTorque(GridSettings.defaults("torque").withMode(GridSettings.Mode.ON));

        assertThat(config.torque().mode()).isEqualTo(GridSettings.Mode.OFF);
        assertThat(on.withDataDir(Path.of("/tmp/n")).withBrokerPort(0).withLocalCores(2)
                .withSlurm(GridSettings.defaults("slurm")).torque().mode()).isEqualTo(GridSettings.Mode.ON);
    }
}
