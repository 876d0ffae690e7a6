package io.muster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.Muster;
import io.muster.config.MusterConfig;
import io.muster.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /health/live and /health/ready on a server whose database is a real H2 server over TCP, which
 * the test stops and starts again: ready goes 503 naming the database, and back to 200.
 */
class HealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void givenTheDatabaseGoesAwayReadyIs503NamingItAndWhenItReturnsReadyIs200Again() throws Exception {
        int dbPort = TestServer.freePort();
        Server database = h2(dbPort, data.resolve("db"));
        int http = TestServer.freePort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/./muster";
        try (TestServer muster = TestServer.start(data.resolve("server"), 2, c -> withDatabase(c, url).withHttpPort(http))) {
            HttpResponse<String> ready = Http.get(http, "/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            JsonNode up = JSON.readTree(ready.body());
            assertThat(up.path("status").asText()).isEqualTo("UP");
            assertThat(check(up, "broker").path("status").asText()).isEqualTo("UP");
            assertThat(check(up, "database").path("status").asText()).isEqualTo("UP");
            assertThat(check(up, "database").path("reason").asText()).contains("127.0.0.1:" + dbPort);
            assertThat(check(up, "jobStore").path("status").asText()).isEqualTo("UP");
            assertThat(check(up, "backend:local").path("status").asText()).isEqualTo("UP");

            database.stop();
            HttpResponse<String> away = Http.get(http, "/health/ready");

            assertThat(away.statusCode()).as(away.body()).isEqualTo(503);
            JsonNode down = JSON.readTree(away.body());
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(check(down, "database").path("status").asText()).isEqualTo("DOWN");
            assertThat(check(down, "database").path("reason").asText())
                    .startsWith("does not answer at jdbc:h2:tcp://127.0.0.1:" + dbPort + "/./muster:");
            assertThat(check(down, "jobStore").path("status").asText()).isEqualTo("DOWN");
            assertThat(check(down, "broker").path("status").asText()).isEqualTo("UP");
            assertThat(Http.get(http, "/health/live").statusCode()).isEqualTo(200);

            database = h2(dbPort, data.resolve("db"));
            HttpResponse<String> back = Http.get(http, "/health/ready");

            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
            assertThat(check(JSON.readTree(back.body()), "database").path("status").asText()).isEqualTo("UP");
            assertThat(check(JSON.readTree(back.body()), "jobStore").path("status").asText()).isEqualTo("UP");
            try (Muster client = Muster.connect(muster.url())) {
                JobHandle job = client.command("echo after the outage").backend("local").mem("10MB").submit();
                assertThat(job.await(java.time.Duration.ofSeconds(60))).isEqualTo(JobState.COMPLETED);
                assertThat(job.stdout()).isEqualTo("after the outage\n");
            }
        } finally {
            database.stop();
        }
    }

    @Test
    void givenAServerWithoutUsersTheProbesAnswerJsonWithoutALogin() throws Exception {
        int http = TestServer.freePort();
        try (TestServer muster = TestServer.start(data.resolve("plain"), 1, c -> c.withHttpPort(http))) {
            HttpResponse<String> live = Http.get(http, "/health/live");

            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
        }
    }

    private static Server h2(int port, Path dir) throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(),
                "-ifNotExists").start();
    }

    private static MusterConfig withDatabase(MusterConfig c, String url) {
        return c.withDatabaseUrl(url);
    }

    private static JsonNode check(JsonNode answer, String name) {
        for (JsonNode c : answer.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + answer);
    }

}
