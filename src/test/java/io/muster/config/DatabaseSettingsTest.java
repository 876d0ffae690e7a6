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

/** database.url, .user and .password: read from the file and the environment, checked at the boundary. */
class DatabaseSettingsTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>(Map.of("HOME", "/home/ada"));

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("muster.toml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void readsAPostgresUrlAndItsLoginFromTheFileWithThePasswordFromTheEnvironment() throws IOException {
        Path file = write("[database]", "url = \"jdbc:postgresql://db:5432/muster\"", "user = \"muster\"");
        env.put("MUSTER_DATABASE_PASSWORD", "s3cret");

        MusterConfig c = ConfigLoader.load(file, env, true);

        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/muster");
        assertThat(c.scaleOut().databaseUser()).isEqualTo("muster");
        assertThat(c.scaleOut().databasePassword()).isEqualTo("s3cret");
    }

    @Test
    void neverShowsThePassword() {
        env.putAll(Map.of("MUSTER_DATABASE_USER", "muster", "MUSTER_DATABASE_PASSWORD", "s3cret"));

        MusterConfig c = ConfigLoader.load(null, env, false);

        assertThat(Settings.value(c, Settings.DATABASE_PASSWORD)).isEqualTo("(set, not shown)");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void rejectsTheUrlOfADatabaseWithoutADriverInTheJar() throws IOException {
        Path file = write("[database]", "url = \"jdbc:mysql://db/muster\"");

        assertThatThrownBy(() -> ConfigLoader.load(file, env, true)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: database.url must be an H2 URL (jdbc:h2:...) or a PostgreSQL one"
                        + " (jdbc:postgresql://HOST:PORT/DATABASE), was 'jdbc:mysql://db/muster'");
    }

    @Test
    void rejectsAPasswordWithoutTheLoginItBelongsTo() {
        env.put("MUSTER_DATABASE_PASSWORD", "s3cret");

        assertThatThrownBy(() -> ConfigLoader.load(null, env, false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting database.password is set but database.user is not");
    }
}
