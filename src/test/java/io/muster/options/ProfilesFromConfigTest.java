package io.muster.options;

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

class ProfilesFromConfigTest {

    @TempDir
    Path dir;

    private MusterConfig load(String... lines) throws IOException {
        Path file = dir.resolve("muster.toml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return ConfigLoader.load(file, Map.of("HOME", dir.toString()), true);
    }

    @Test
    void readsProfileTablesFromTheConfigFile() throws IOException {
        Profiles profiles = Profiles.from(load("[profiles.gpu]", "gpus = 1", "partition = \"gpu\""));
        assertThat(profiles.find("gpu").orElseThrow().effective())
                .containsEntry("gpus", 1).containsEntry("partition", "gpu").containsEntry("mem", 4000L);
    }

    @Test
    void stopsOnABadProfileValueNamingFileLineAndReason() throws IOException {
        MusterConfig config = load("[profiles.gpu]", "gpus = 1", "mem = \"lots\"");
        assertThatThrownBy(() -> Profiles.from(config)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo(dir.resolve("muster.toml") + ":3: profiles.gpu.mem 'lots' is not a size:"
                    + " use a positive number with an optional unit b, kb, mb, gb or tb, such as '4GB'");
        });
    }

    @Test
    void givenAScriptpathInAProfileOfTheFile_whenTheServerReadsIt_thenItStopsNamingTheLineAndTheOption() throws IOException {
        MusterConfig config = load("[profiles.bad2]", "scriptpath = \"x\"");

        assertThatThrownBy(() -> Profiles.from(config)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("profiles.bad2.scriptpath 'x' ");
        });
    }

    @Test
    void stopsOnAnUnknownOptionInAProfile() throws IOException {
        MusterConfig config = load("[profiles.gpu]", "", "corse = 2");
        assertThatThrownBy(() -> Profiles.from(config)).hasMessageEndingWith(":3: profiles.gpu.corse is not an option;"
                + " did you mean cores?");
    }
}
