package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.config.ConfigException;
import io.muster.config.ConfigLoader;
import io.muster.config.MusterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that cannot start with its settings stops before anything runs, with exit status 78 and
 * one line naming the setting (or flag) and its limit: never a Java stack trace.
 */
class ServerSettingsRefusedTest {

    @TempDir
    Path dir;

    private Path config(String text) throws IOException {
        Path file = dir.resolve("muster.toml");
        Files.writeString(file, "[server]\ndata_dir = \"" + dir.resolve("data") + "\"\n" + text);
        return file;
    }

    private static void assertOneLineWithoutStackTrace(Cli cli) {
        assertThat(cli.exit()).as(cli.err()).isEqualTo(MusterCli.BAD_CONFIG);
        assertThat(cli.err().strip().lines()).hasSize(1);
        assertThat(cli.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aPortPastTheLastOneExits78NamingTheFlagAndTheLimit() throws IOException {
        Cli cli = Cli.run("server", "--config", config("").toString(), "--port", "70000");

        assertOneLineWithoutStackTrace(cli);
        assertThat(cli.err()).contains("--port 70000").contains("broker.port").contains("65535");
    }

    @Test
    void zeroLocalCoresExits78NamingTheFlagAndTheLimit() throws IOException {
        Cli cli = Cli.run("server", "--config", config("").toString(), "--local-cores", "0");

        assertOneLineWithoutStackTrace(cli);
        assertThat(cli.err()).contains("--local-cores 0").contains("local.cores").contains("at least 1");
    }

    @Test
    void aNonLoopbackHostWithoutUsersInTheFileExits78WithTheFileAndLine() throws IOException {
        Path file = config("[broker]\nhost = \"0.0.0.0\"\n");

        Cli cli = Cli.run("server", "--config", file.toString());

        assertOneLineWithoutStackTrace(cli);
        assertThat(cli.err()).contains(file + ":4:").contains("broker.host '0.0.0.0' is not a loopback address")
                .contains("set broker.users");
    }

    @Test
    void anAbbreviatedIpv4HostFromTheEnvironmentIsRefusedNamingTheVariable() {
        MusterConfig config = ConfigLoader.load(null, Map.of("MUSTER_HOME", dir.toString(),
                "MUSTER_BROKER_HOST", "127.1"), false);

        assertThatThrownBy(() -> ConfigLoader.checkListener(config, null)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable MUSTER_BROKER_HOST (setting broker.host)")
                .hasMessageContaining("'127.1' is not an IPv4 address written in full");
    }

    @Test
    void aNonLoopbackHostWithUsersOrWithoutTcpIsAccepted() {
        MusterConfig open = ConfigLoader.load(null, Map.of("MUSTER_HOME", dir.toString(),
                "MUSTER_BROKER_HOST", "0.0.0.0"), false);

        ConfigLoader.checkListener(open.withBrokerUsers(dir.resolve("users")), null);
        ConfigLoader.checkListener(open.withBrokerPort(0), null);
        ConfigLoader.checkListener(open.withBrokerHost("127.0.0.1"), null);
    }
}
