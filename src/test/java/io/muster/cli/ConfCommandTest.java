package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.config.ConfigFile;
import io.muster.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfCommandTest {

    @TempDir
    Path dir;

    private Path config() {
        return dir.resolve("muster.toml");
    }

    @Test
    void writesTheCommentedExampleOnInitAndRefusesToOverwriteIt() throws IOException {
        Cli first = Cli.run("conf", "init", "--config", config().toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(Files.readString(config())).isEqualTo(Files.readString(Path.of("server-config/muster.toml")));
        Cli second = Cli.run("conf", "init", "--config", config().toString());
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.err()).contains("exists already");
        assertThat(Cli.run("conf", "init", "--force", "--config", config().toString()).exit()).isZero();
    }

    @Test
    void setsASettingThatReadsBackWithItsType() {
        Cli.run("conf", "init", "--config", config().toString());
        Cli cli = Cli.run("conf", "set", "--config", config().toString(), "broker.port", "42");
        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(ConfigFile.open(config()).value("broker", "port")).isEqualTo(42);
        assertThat(ConfigLoader.load(config(), Map.of("HOME", dir.toString()), true).brokerPort()).isEqualTo(42);
        assertThat(Cli.run("conf", "show", "--config", config().toString(), "broker.port").out())
                .contains("broker.port = 42  # file");
    }

    @Test
    void keepsTextSettingsAsText() {
        Cli.run("conf", "set", "--config", config().toString(), "local.memory", "2GB");
        assertThat(ConfigFile.open(config()).value("local", "memory")).isEqualTo("2GB");
        Cli.run("conf", "set", "--config", config().toString(), "local.memory", "2000");
        assertThat(ConfigFile.open(config()).value("local", "memory")).isEqualTo(2000);
    }

    @Test
    void refusesAValueOutsideTheSettingsLimits() {
        Cli cli = Cli.run("conf", "set", "--config", config().toString(), "broker.port", "70000");
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("broker.port must be from 0 to 65535, was 70000");
        assertThat(Files.exists(config())).isFalse();
    }

    @Test
    void suggestsTheSettingAMisspeltOneMeant() {
        Cli cli = Cli.run("conf", "set", "--config", config().toString(), "broker.prot", "1");
        assertThat(cli.err()).contains("did you mean broker.port?");
    }

    @Test
    void showsEverySettingWithWhereItsValueCameFrom() {
        Cli.run("conf", "set", "--config", config().toString(), "local.cores", "3");
        Cli cli = Cli.run("conf", "show", "--config", config().toString());
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("local.cores = 3  # file").contains("jobs.batch_threads = 256  # default")
                .contains("server.data_dir = \"").contains("# broker.users is not set  # default");
    }

    /** Regression: conf show and conf set knew only the core sections, not [slurm], [torque] and [sge]. */
    @Test
    void showsAndSetsTheClusterBackendsSettings() {
        Cli set = Cli.run("conf", "set", "--config", config().toString(), "sge.pe", "mpi");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("set sge.pe = \"mpi\" in " + config());
        assertThat(ConfigFile.open(config()).value("sge", "pe")).isEqualTo("mpi");

        Cli show = Cli.run("conf", "show", "--config", config().toString(), "sge");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("sge.pe = \"mpi\"  # file").contains("sge.memory = \"h_vmem\"  # default")
                .doesNotContain("broker.port");
        assertThat(Cli.run("conf", "show", "--config", config().toString()).out())
                .contains("slurm.enabled = ").contains("torque.bin_dir").contains("sge.pe = \"mpi\"  # file");
        assertThat(Cli.run("conf", "show", "--config", config().toString(), "slurm.enabled").out())
                .containsPattern("slurm.enabled = \"auto\"  # default|slurm.enabled = .*# env MUSTER_SLURM");
    }

    @Test
    void refusesABadValueOfABackendSettingNamingItAndWritesNothing() {
        Cli memory = Cli.run("conf", "set", "--config", config().toString(), "sge.memory", "lots");
        assertThat(memory.exit()).isEqualTo(1);
        assertThat(memory.err()).contains("sge.memory ").contains("'lots'").doesNotContain("setting sge.memory");
        Cli enabled = Cli.run("conf", "set", "--config", config().toString(), "slurm.enabled", "maybe");
        assertThat(enabled.err()).contains("slurm.enabled must be auto, on or off, was 'maybe'");
        Cli binDir = Cli.run("conf", "set", "--config", config().toString(), "torque.bin_dir", "opt/pbs/bin");
        assertThat(binDir.err()).contains("torque.bin_dir must be an absolute path, was 'opt/pbs/bin'");
        Cli unknown = Cli.run("conf", "set", "--config", config().toString(), "sge.queue", "all.q");
        assertThat(unknown.err()).contains("sge.queue is not a setting; [sge] has enabled, bin_dir, pe, memory");
        assertThat(Files.exists(config())).isFalse();
    }

    @Test
    void stopsWithFileLineAndReasonOnAMalformedFile() throws IOException {
        Files.writeString(config(), "[broker]\nport = \n");
        Cli cli = Cli.run("conf", "show", "--config", config().toString());
        assertThat(cli.exit()).isEqualTo(MusterCli.BAD_CONFIG);
        assertThat(cli.err()).contains(config() + ":2: not valid TOML");
    }
}
