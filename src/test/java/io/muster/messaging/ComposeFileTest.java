package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is not run here (no container engine), but what it mounts is what CI's
 * scripts use: every configuration file it names is in the repository, except the users files
 * an operator writes (git ignores them).
 */
class ComposeFileTest {

    private static final List<String> WRITTEN_BY_THE_OPERATOR = List.of("server-config/users",
            "server-config/artemis/artemis-users.properties");

    @Test
    void everyConfigurationFileTheComposeFileMountsIsInTheRepository() throws Exception {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        Matcher m = Pattern.compile("- \\./(server-config/[^:]+):").matcher(compose);
        int mounts = 0;
        while (m.find()) {
            mounts++;
            if (!WRITTEN_BY_THE_OPERATOR.contains(m.group(1))) {
                assertThat(Path.of(m.group(1))).as(m.group(1)).isRegularFile();
            }
        }
        assertThat(mounts).isGreaterThanOrEqualTo(6);
        assertThat(compose).contains("MUSTER_BROKER_URL: tcp://artemis:61616", "muster-a:", "muster-b:", "postgres:");
    }

    @Test
    void theBrokerGetsThePluginItsBrokerXmlDeclaresFromTheJarMavenBuilds() throws Exception {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>muster</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).as("the project's version in pom.xml").isTrue();

        assertThat(Files.readString(Path.of("server-config/artemis/broker.xml")))
                .contains("<broker-plugin class-name=\"" + OversizedRequests.class.getName() + "\"/>");
        assertThat(pom).contains("<classifier>broker-plugin</classifier>",
                "<include>io/muster/messaging/OversizedRequests.class</include>");
        assertThat(compose).contains("./target/muster-" + version.group(1) + "-broker-plugin.jar:"
                + "/var/lib/artemis-instance/lib/muster-broker-plugin.jar:ro");
    }
}
