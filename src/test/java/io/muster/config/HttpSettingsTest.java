package io.muster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http.host, http.port and the key store of HTTPS: read like every other setting, and checked with messages naming them. */
class HttpSettingsTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>(Map.of("HOME", "/home/ada"));

    private MusterConfig load(String... lines) throws IOException {
        Path file = dir.resolve("muster.toml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return ConfigLoader.load(file, env, true);
    }

    @Test
    void givenNoSettingTheHttpServerListensOnLoopbackPort8161() throws IOException {
        MusterConfig c = load();

        assertThat(c.httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8161);
        assertThat(c.source().origin("http.port")).isEqualTo("default");
    }

    @Test
    void givenTheFileAndTheEnvironmentTheEnvironmentWins() throws IOException {
        env.put("MUSTER_HTTP_PORT", "0");

        MusterConfig c = load("[http]", "port = 9100", "host = \"::1\"");

        assertThat(c.httpPort()).isZero();
        assertThat(c.httpHost()).isEqualTo("::1");
        assertThat(c.source().origin("http.port")).isEqualTo("env MUSTER_HTTP_PORT");
    }

    @Test
    void givenAPortOutOfRangeTheErrorNamesTheSettingAndTheLine() {
        assertThatThrownBy(() -> load("[http]", "port = 70000"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("muster.toml:2")
                .hasMessageContaining("http.port must be from 0 to 65535, was 70000");
    }

    @Test
    void givenAWordForThePortTheEnvironmentVariableAndTheSettingAreNamed() {
        env.put("MUSTER_HTTP_PORT", "eighty");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MUSTER_HTTP_PORT (setting http.port) must be a whole number");
    }

    @Test
    void givenNoUsersBindingBeyondLoopbackIsRefusedNamingHttpHost() {
        assertThatThrownBy(() -> load("[http]", "host = \"0.0.0.0\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting http.host is 0.0.0.0, not a loopback address")
                .hasMessageContaining("set broker.users");
    }

    @Test
    void givenUsersButNoKeyStoreBindingBeyondLoopbackIsRefusedNamingTheTlsSettings() {
        assertThatThrownBy(() -> load("[http]", "host = \"0.0.0.0\"", "[broker]", "users = \"/etc/muster/users\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting http.host is 0.0.0.0, not a loopback address")
                .hasMessageContaining("clear text")
                .hasMessageContaining("set http.tls_keystore and http.tls_password");
    }

    @Test
    void givenUsersAndAKeyStoreOrNoHttpServerAnyAddressWillDo() throws IOException {
        assertThat(load("[http]", "host = \"0.0.0.0\"", "port = 0").httpHost()).isEqualTo("0.0.0.0");
        MusterConfig tls = load("[http]", "host = \"0.0.0.0\"", "tls_keystore = \"/etc/muster/web.p12\"",
                "tls_password = \"changeit\"", "[broker]", "users = \"/etc/muster/users\"");
        assertThat(tls.httpHost()).isEqualTo("0.0.0.0");
        assertThat(tls.httpTls().keystore()).isEqualTo(Path.of("/etc/muster/web.p12"));
    }

    @Test
    void givenAKeyStoreWithoutItsPasswordTheErrorNamesBothSettings() {
        assertThatThrownBy(() -> load("[http]", "tls_keystore = \"/etc/muster/web.p12\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting http.tls_password must be set when http.tls_keystore is");
    }

    @Test
    void givenTheKeyStorePasswordInTheEnvironmentConfShowNeverShowsIt() throws IOException {
        env.put("MUSTER_HTTP_TLS_PASSWORD", "s3cret");

        MusterConfig c = load("[http]", "tls_keystore = \"/etc/muster/web.p12\"");

        assertThat(Settings.value(c, Settings.HTTP_TLS_PASSWORD)).isEqualTo("(set, not shown)");
        assertThat(Settings.value(c, Settings.HTTP_TLS_KEYSTORE)).isEqualTo("/etc/muster/web.p12");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void confShowListsBothSettingsWithTheirValues() throws IOException {
        MusterConfig c = load("[http]", "port = 9100");

        assertThat(Settings.value(c, Settings.HTTP_PORT)).isEqualTo(9100);
        assertThat(Settings.value(c, Settings.HTTP_HOST)).isEqualTo("127.0.0.1");
    }
}
