package io.muster.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.Processes;
import io.muster.testing.Processes.Result;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server whose http.port another program holds does not start: exit status 78, naming the setting. */
class HttpPortTakenIT {

    @TempDir
    Path data;

    @Test
    void givenTheHttpPortIsTakenTheServerStopsWithAConfigurationErrorNamingHttpPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = Processes.run(data, Processes.muster("server", "--data-dir", data.resolve("m").toString(),
                    "--port", "0", "--http-port", String.valueOf(taken.getLocalPort())),
                    Map.of("MUSTER_SLURM", "off", "MUSTER_TORQUE", "off"), Duration.ofMinutes(2));

            assertThat(r.exit()).isEqualTo(78);
            assertThat(r.err()).contains("muster: configuration error: setting http.port " + taken.getLocalPort()
                    + " on 127.0.0.1 is taken by another program").doesNotContain("\tat ");
        }
    }
}
