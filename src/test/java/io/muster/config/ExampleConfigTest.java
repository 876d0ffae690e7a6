package io.muster.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped example, server-config/muster.toml, must document every setting and load as it is. */
class ExampleConfigTest {

    private static final Path EXAMPLE = Path.of("server-config/muster.toml");

    @Test
    void documentsEverySettingInItsSectionWithItsEnvironmentVariable() throws IOException {
        String text = Files.readString(EXAMPLE);
        for (Setting s : Settings.all()) {
            int section = text.indexOf("\n[" + s.section() + "]\n");
            assertThat(section).as("section [%s]", s.section()).isPositive();
            int next = text.indexOf("\n[", section + 1);
            String body = text.substring(section, next < 0 ? text.length() : next);
            assertThat(Pattern.compile("(?m)^#? ?" + s.key() + " = ").matcher(body).find()).as(s.id()).isTrue();
            assertThat(body).as(s.id()).contains(s.env().get(0));
        }
    }

    @Test
    void loadsAsItShipsGivingTheDefaults() {
        MusterConfig c = ConfigLoader.load(EXAMPLE, Map.of("HOME", "/home/ada"), true);
        assertThat(c.brokerPort()).isEqualTo(MusterConfig.DEFAULT_BROKER_PORT);
        assertThat(c.profiles()).isEmpty();
    }
}
