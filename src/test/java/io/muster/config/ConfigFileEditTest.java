package io.muster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileEditTest {

    @TempDir
    Path dir;

    private ConfigFile file(String... lines) throws IOException {
        Path path = dir.resolve("muster.toml");
        Files.writeString(path, String.join("\n", lines) + "\n");
        return ConfigFile.open(path);
    }

    @Test
    void readsBackAnIntegerAsAnIntegerAndABooleanAsABoolean() throws IOException {
        ConfigFile f = file();
        f.set("broker", "port", 42);
        f.set("profiles.big", "exclusive", true);
        f.set("profiles.big", "modules", List.of("a", "b"));
        f.set("profiles.big", "time", "04:00:00");
        f.save();
        ConfigFile again = ConfigFile.open(f.path());
        assertThat(again.value("broker", "port")).isEqualTo(42);
        assertThat(again.tree().path("profiles").path("big").path("exclusive").isBoolean()).isTrue();
        assertThat(again.tree().path("profiles").path("big").path("modules").isArray()).isTrue();
        assertThat(again.text()).contains("port = 42\n").contains("exclusive = true\n").contains("time = \"04:00:00\"");
    }

    @Test
    void replacesAValueKeepingCommentsAndOtherKeys() throws IOException {
        ConfigFile f = file("# top", "[broker]", "# the port", "port = 1  # old", "host = \"127.0.0.1\"", "", "# next",
                "[local]", "cores = 2");
        f.set("broker", "port", 61617);
        assertThat(f.text()).isEqualTo(String.join("\n", "# top", "[broker]", "# the port", "port = 61617",
                "host = \"127.0.0.1\"", "", "# next", "[local]", "cores = 2") + "\n");
    }

    @Test
    void addsAKeyBesideItsCommentedExample() throws IOException {
        ConfigFile f = file("[local]", "# Cores.", "# cores = 8", "", "# Memory.", "# memory = \"16GB\"");
        f.set("local", "cores", 4);
        assertThat(f.text()).isEqualTo(String.join("\n", "[local]", "# Cores.", "# cores = 8", "cores = 4", "",
                "# Memory.", "# memory = \"16GB\"") + "\n");
    }

    @Test
    void addsAMissingSectionAtTheEnd() throws IOException {
        ConfigFile f = file("[broker]", "port = 1");
        f.set("profiles.gpu", "gpus", 1);
        assertThat(f.text()).endsWith("port = 1\n\n[profiles.gpu]\ngpus = 1\n");
    }

    @Test
    void replacesAValueThatSpansLines() throws IOException {
        ConfigFile f = file("[profiles.p]", "modules = [", "  \"a\",", "  \"b\",", "]", "cores = 2");
        f.set("profiles.p", "modules", List.of("c"));
        assertThat(f.text()).isEqualTo("[profiles.p]\nmodules = [\"c\"]\ncores = 2\n");
    }

    @Test
    void removesOneKey() throws IOException {
        ConfigFile f = file("[profiles.p]", "cores = 2", "mem = 100");
        assertThat(f.remove("profiles.p", "cores")).isTrue();
        assertThat(f.remove("profiles.p", "cores")).isFalse();
        assertThat(f.text()).isEqualTo("[profiles.p]\nmem = 100\n");
    }

    @Test
    void removesATableButNotTheCommentIntroducingTheNextOne() throws IOException {
        ConfigFile f = file("[broker]", "port = 1", "", "[profiles.p]", "cores = 2", "", "# local pool", "[local]",
                "cores = 1");
        assertThat(f.removeSection("profiles.p")).isTrue();
        assertThat(f.text()).isEqualTo("[broker]\nport = 1\n\n# local pool\n[local]\ncores = 1\n");
        assertThat(f.removeSection("profiles.p")).isFalse();
    }

    @Test
    void escapesQuotesAndNewlinesInText() {
        assertThat(ConfigFile.format("a\"b\nc")).isEqualTo("\"a\\\"b\\nc\"");
    }

    @Test
    void refusesToSaveAFileThatWouldNotLoad() throws IOException {
        ConfigFile f = file("[broker]", "port = 1");
        f.set("broker", "port", 99999);
        assertThatThrownBy(f::save).isInstanceOf(ConfigException.class).hasMessageContaining("broker.port");
        assertThat(Files.readString(f.path())).isEqualTo("[broker]\nport = 1\n");
    }

    @Test
    void knowsTheLineOfEveryTableAndKey() throws IOException {
        ConfigFile f = file("# c", "[profiles.big]", "", "cores = 16");
        assertThat(f.lineOf("profiles.big")).isEqualTo(2);
        assertThat(f.lineOf("profiles.big.cores")).isEqualTo(4);
        assertThat(f.lineOf("profiles.big.mem")).isZero();
    }
}
