package io.muster.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The systemd unit says what GracefulStopIT shows the server does: SIGTERM to the JVM only, so jobs
 * outlive a stop; exit status 143 is a clean stop; a crash restarts it, a configuration error (78)
 * does not; a service user with its data under /var/lib.
 */
class ServiceUnitTest {

    private static Map<String, List<String>> unit() throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("server-config/systemd/muster.service"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("[")) {
                continue;
            }
            int eq = l.indexOf('=');
            keys.computeIfAbsent(l.substring(0, eq), k -> new java.util.ArrayList<>()).add(l.substring(eq + 1));
        }
        return keys;
    }

    @Test
    void givenTheUnitAStopSignalsOnlyTheServerAndItsExitStatusCountsAsClean() throws IOException {
        Map<String, List<String>> unit = unit();

        assertThat(unit.get("KillMode")).containsExactly("process");
        assertThat(unit.get("KillSignal")).containsExactly("SIGTERM");
        assertThat(unit.get("SuccessExitStatus")).containsExactly("143");
        assertThat(unit.get("Restart")).containsExactly("on-failure");
        assertThat(unit.get("RestartPreventExitStatus")).containsExactly(String.valueOf(io.muster.cli.MusterCli.BAD_CONFIG));
    }

    @Test
    void givenTheUnitItRunsAsAServiceUserWithItsDataUnderVarLib() throws IOException {
        Map<String, List<String>> unit = unit();

        assertThat(unit.get("User")).containsExactly("muster");
        assertThat(unit.get("StateDirectory")).containsExactly("muster");
        assertThat(unit.get("Environment")).contains("MUSTER_HOME=/var/lib/muster");
        assertThat(unit.get("ExecStart")).singleElement().asString().endsWith("-jar /opt/muster/muster.jar server");
        assertThat(unit.get("WantedBy")).containsExactly("multi-user.target");
    }
}
