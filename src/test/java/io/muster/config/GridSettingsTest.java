package io.muster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSettingsTest {

    @Test
    void slurmIsAutoWithATwoSecondPollByDefault() {
        GridSettings slurm = MusterConfig.fromEnvironment(Map.of("MUSTER_HOME", "/tmp/m")).slurm();

        assertThat(slurm.mode()).isEqualTo(GridSettings.Mode.AUTO);
        assertThat(slurm.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void readsTheSlurmSettingsFromTheEnvironment() {
        GridSettings slurm = MusterConfig.fromEnvironment(Map.of("MUSTER_HOME", "/tmp/m", "MUSTER_SLURM", "off",
                "MUSTER_SLURM_POLL_MS", "500", "MUSTER_SLURM_SUBMITS_PER_SECOND", "20")).slurm();

        assertThat(slurm.mode()).isEqualTo(GridSettings.Mode.OFF);
        assertThat(slurm.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(slurm.submitsPerSecond()).isEqualTo(20);
    }

    @Test
    void aConfigBuiltInCodeRunsNoSlurmUnlessAsked() {
        MusterConfig config = new MusterConfig(Path.of("/tmp/m"), "127.0.0.1", 0, 1, 100, 4);

        assertThat(config.slurm().mode()).isEqualTo(GridSettings.Mode.OFF);
        assertThat(config.withSlurm(GridSettings.defaults("slurm")).slurm().mode()).isEqualTo(GridSettings.Mode.AUTO);
    }

    @Test
    void rejectsAnUnknownModeNamingTheVariable() {
        assertThatThrownBy(() -> GridSettings.fromEnvironment(Map.of("MUSTER_SLURM", "maybe"), "slurm"))
                .hasMessage("environment variable MUSTER_SLURM (or slurm.enabled) must be auto, on or off, was 'maybe'");
    }

    @Test
    void rejectsAPollIntervalBelowTheMinimumNamingTheSettingAndTheLimit() {
        assertThatThrownBy(() -> GridSettings.defaults("slurm").withPollInterval(Duration.ofMillis(1)))
                .hasMessage("setting slurm.poll-interval must be at least 10 ms, was 1 ms");
    }

    @Test
    void rejectsASubmitRateOfZero() {
        assertThatThrownBy(() -> GridSettings.defaults("torque").withSubmitsPerSecond(0))
                .hasMessage("setting torque.submits-per-second must be 1 to 10000, was 0");
    }

    @Test
    void readsTheCommandDirectoryOfEachBackendFromTheEnvironment() {
        MusterConfig config = MusterConfig.fromEnvironment(Map.of("MUSTER_HOME", "/tmp/m",
                "MUSTER_TORQUE_BIN_DIR", "/opt/pbs/bin"));

        assertThat(config.torque().binDir()).isEqualTo(Path.of("/opt/pbs/bin"));
        assertThat(config.slurm().binDir()).isNull();
        assertThat(config.torque().resolve(List.of("qstat", "-f", "12")))
                .containsExactly("/opt/pbs/bin/qstat", "-f", "12");
        assertThat(config.slurm().resolve(List.of("squeue"))).containsExactly("squeue");
    }

    @Test
    void rejectsARelativeCommandDirectoryNamingTheVariable() {
        assertThatThrownBy(() -> GridSettings.fromEnvironment(Map.of("MUSTER_SLURM_BIN_DIR", "bin"), "slurm"))
                .hasMessage("environment variable MUSTER_SLURM_BIN_DIR (or slurm.bin_dir) must be an absolute path, was 'bin'");
    }
}
