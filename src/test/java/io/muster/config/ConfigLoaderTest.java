package io.muster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>(Map.of("HOME", "/home/ada"));

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("muster.toml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private MusterConfig load(Path file) {
        return ConfigLoader.load(file, env, true);
    }

    /** Regression (black-box probe): with --data-dir, flows were still looked for in ~/.muster/flows. */
    @Test
    void theDefaultFlowsDirectoryMovesWithTheDataDirectoryAndAChosenOneStays() {
        MusterConfig defaults = ConfigLoader.load(dir.resolve("absent.toml"), env, false);
        assertThat(defaults.flowsDir()).isEqualTo(Path.of("/home/ada/.muster/flows"));

        assertThat(defaults.withDataDir(Path.of("/srv/muster")).flowsDir()).isEqualTo(Path.of("/srv/muster/flows"));
        assertThat(defaults.withFlowsDir(Path.of("/srv/flows")).withDataDir(Path.of("/srv/muster")).flowsDir())
                .isEqualTo(Path.of("/srv/flows"));
    }

    @Test
    void usesDefaultsWhenTheDefaultFileIsMissing() {
        MusterConfig c = ConfigLoader.load(dir.resolve("absent.toml"), env, false);
        assertThat(c.dataDir()).isEqualTo(Path.of("/home/ada/.muster"));
        assertThat(c.workRoot()).isEqualTo(Path.of("/home/ada/.muster"));
        assertThat(c.brokerPort()).isEqualTo(MusterConfig.DEFAULT_BROKER_PORT);
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.jdbcUrl()).startsWith("jdbc:h2:file:/home/ada/.muster/db/muster");
        assertThat(c.source().origin("broker.port")).isEqualTo("default");
    }

    @Test
    void refusesAMissingFileTheUserNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.toml"), env, true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent.toml").hasMessageContaining("no such file");
    }

    @Test
    void readsEverySectionTyped() throws IOException {
        MusterConfig c = load(write(
                "[server]", "data_dir = \"/srv/muster\"",
                "[jobs]", "work_root = \"/scratch/jobs\"", "batch_threads = 32",
                "[queue]", "poll_interval = \"250ms\"",
                "[local]", "cores = 3", "memory = \"2GB\"",
                "[broker]", "host = \"::1\"", "port = 0", "users = \"~/broker-users\"",
                "[database]", "url = \"jdbc:h2:mem:x\"",
                "[profiles.big]", "cores = 8", "exclusive = true"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/muster"));
        assertThat(c.workRoot()).isEqualTo(Path.of("/scratch/jobs"));
        assertThat(c.batchThreads()).isEqualTo(32);
        assertThat(c.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.localCores()).isEqualTo(3);
        assertThat(c.localMemoryMb()).isEqualTo(2048);
        assertThat(c.brokerHost()).isEqualTo("::1");
        assertThat(c.brokerPort()).isZero();
        assertThat(c.brokerUsers()).isEqualTo(Path.of("/home/ada/broker-users"));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(c.profiles()).isEqualTo(Map.of("big", Map.of("cores", 8, "exclusive", true)));
        assertThat(c.source().origin("local.cores")).isEqualTo("file");
    }

    @Test
    void letsTheEnvironmentOverrideTheFile() throws IOException {
        env.put("MUSTER_BROKER_PORT", "61700");
        env.put("MUSTER_LOCAL_MEMORY_MB", "1000");
        MusterConfig c = load(write("[broker]", "port = 61617"));
        assertThat(c.brokerPort()).isEqualTo(61700);
        assertThat(c.localMemoryMb()).isEqualTo(1000);
        assertThat(c.source().origin("broker.port")).isEqualTo("env MUSTER_BROKER_PORT");
    }

    @Test
    void leavesTheBrokerWithoutUsersUnlessAFileIsNamed() throws IOException {
        assertThat(load(write()).brokerUsers()).isNull();
        assertThat(load(write()).brokerSecured()).isFalse();

        env.put("MUSTER_BROKER_USERS", "/etc/muster/users");
        MusterConfig c = load(write());

        assertThat(c.brokerUsers()).isEqualTo(Path.of("/etc/muster/users"));
        assertThat(c.brokerSecured()).isTrue();
        assertThat(c.source().origin("broker.users")).isEqualTo("env MUSTER_BROKER_USERS");
    }

    @Test
    void prefersTheSectionedVariableOverTheOlderName() throws IOException {
        env.put("MUSTER_JOBS_BATCH_THREADS", "8");
        env.put("MUSTER_BATCH_THREADS", "16");
        assertThat(load(write()).batchThreads()).isEqualTo(8);
    }

    @Test
    void expandsTildeAndVariablesInPaths() throws IOException {
        env.put("SCRATCH", "/scratch/ada");
        MusterConfig c = load(write("[server]", "data_dir = \"~/muster\"", "[jobs]", "work_root = \"${SCRATCH}/jobs\""));
        assertThat(c.dataDir()).isEqualTo(Path.of("/home/ada/muster"));
        assertThat(c.workRoot()).isEqualTo(Path.of("/scratch/ada/jobs"));
    }

    @Test
    void namesTheSettingTheLineAndTheVariableThatIsNotSet() throws IOException {
        Path file = write("[jobs]", "", "work_root = \"$NOPE/jobs\"");
        assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: jobs.work_root uses $NOPE, which is not set");
    }

    @Test
    void stopsOnMalformedTomlWithFileLineAndReason() throws IOException {
        Path file = write("[broker]", "port = ", "host = \"x\"");
        assertThatThrownBy(() -> load(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).startsWith("not valid TOML: ");
            assertThat(e.getMessage()).startsWith(file + ":2: not valid TOML");
        });
    }

    @Test
    void namesAValueOutOfRangeWithItsLimit() throws IOException {
        Path file = write("# ports", "[broker]", "host = \"127.0.0.1\"", "port = 70000");
        assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4: broker.port must be from 0 to 65535, was 70000");
    }

    @Test
    void namesAValueOfTheWrongType() throws IOException {
        Path file = write("[local]", "cores = \"many\"");
        assertThatThrownBy(() -> load(file)).hasMessage(file + ":2: local.cores must be a whole number, was 'many'");
    }

    @Test
    void readsTheReplyPrefixAndRefusesOneWithAWildcard() throws IOException {
        assertThat(load(write()).replyPrefix()).isNull();
        assertThat(load(write("[broker]", "reply_prefix = \"replies.\"")).replyPrefix()).isEqualTo("replies.");

        Path file = write("[broker]", "reply_prefix = \"replies.#\"");
        assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting broker.reply_prefix must be the start of an address name")
                .hasMessageContaining("was 'replies.#'");
    }

    /** Regression: a bad value of a backend's own setting passed the load and stopped only the server's start. */
    @Test
    void namesTheFileLineAndBackendSettingOfABadValue() throws IOException {
        Path file = write("[sge]", "memory = \"lots\"");
        assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: sge.memory ").hasMessageContaining("'lots'");
        Path enabled = write("[slurm]", "enabled = \"maybe\"");
        assertThatThrownBy(() -> load(enabled)).hasMessage(enabled + ":2: slurm.enabled must be auto, on or off, was 'maybe'");
        assertThat(load(write("[sge]", "pe = \"mpi\"", "enabled = true")).grids().own("sge", "pe", null)).isEqualTo("mpi");
    }

    @Test
    void namesTheVariableOfABadBackendValueInTheEnvironment() throws IOException {
        env.put("MUSTER_SGE_PE", "smp; rm -rf /");
        Path file = write();
        assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable MUSTER_SGE_PE (setting sge.pe) must be a parallel"
                        + " environment's name, was 'smp; rm -rf /'");
    }

    @Test
    void suggestsTheSettingAMisspeltOneMeant() throws IOException {
        Path file = write("[broker]", "prot = 1");
        assertThatThrownBy(() -> load(file)).hasMessage(file + ":2: unknown setting broker.prot; did you mean broker.port?");
    }

    @Test
    void refusesAnUnknownSection() throws IOException {
        Path file = write("[brokr]", "port = 1");
        assertThatThrownBy(() -> load(file)).hasMessageStartingWith(file + ":1: unknown section [brokr]");
    }

    @Test
    void namesTheEnvironmentVariableOfABadOverride() {
        env.put("MUSTER_LOCAL_CORES", "0");
        assertThatThrownBy(() -> ConfigLoader.load(null, env, false)).isInstanceOf(ConfigException.class)
                .hasMessage("environment variable MUSTER_LOCAL_CORES (setting local.cores) must be from 1 to 1000000, was 0");
    }

    @Test
    void findsTheFileThroughMusterConfig() {
        env.put("MUSTER_CONFIG", "~/etc/muster.toml");
        assertThat(ConfigLoader.defaultFile(env)).isEqualTo(Path.of("/home/ada/etc/muster.toml"));
        env.remove("MUSTER_CONFIG");
        assertThat(ConfigLoader.defaultFile(env)).isEqualTo(Path.of("/home/ada/.muster/muster.toml"));
    }

    @Test
    void movesTheWorkRootWithTheDataDirUnlessItIsSet() {
        MusterConfig c = ConfigLoader.load(null, env, false).withDataDir(dir);
        assertThat(c.workRoot()).isEqualTo(dir);
    }

    @Test
    void keepsTheSkeletonsConstructor() {
        MusterConfig c = new MusterConfig(dir, "127.0.0.1", 0, 2, 1000, 8);
        assertThat(c.profiles()).isEmpty();
        assertThat(c.pollInterval()).isEqualTo(MusterConfig.DEFAULT_POLL_INTERVAL);
        assertThat(List.of(c.localCores(), c.batchThreads())).containsExactly(2, 8);
        assertThat(c.brokerUsers()).isNull();
        assertThat(c.withBrokerUsers(dir.resolve("users")).withLocalCores(3).brokerUsers()).isEqualTo(dir.resolve("users"));
    }
}
