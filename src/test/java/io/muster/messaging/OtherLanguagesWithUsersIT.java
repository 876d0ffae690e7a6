package io.muster.messaging;

import static io.muster.testing.ExternalClients.example;
import static io.muster.testing.ExternalClients.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.testing.ExternalClients;
import io.muster.testing.Processes.Result;
import io.muster.testing.SubmissionJson;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of other languages against a server with users: each logs in with
 * {@code --user/--password} (or {@code MUSTER_USER}/{@code MUSTER_PASSWORD}), a refused login
 * says so, and the login is the job's user (stamped by the broker for STOMP and MQTT, written
 * into the submission by the AMQP example, whose messages the broker cannot stamp).
 */
class OtherLanguagesWithUsersIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ALICE = Map.of("MUSTER_USER", "alice", "MUSTER_PASSWORD", "secret");

    @TempDir
    static Path data;

    private static TestServer server;
    private static ExternalClients clients;

    @BeforeAll
    static void startServerWithUsers() throws Exception {
        Path users = data.resolve("broker-users");
        Files.writeString(users, "alice = secret\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        server = TestServer.start(data.resolve("server"), 2, settings -> settings.withBrokerUsers(users));
        clients = new ExternalClients(data, WAIT.plusSeconds(30));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static String port() {
        return String.valueOf(server.port());
    }

    @Test
    void stompWithALoginRunsTheJobAsThatUser() throws Exception {
        String python = clients.python("stomp", "python3-stomp");

        Result r = clients.run(List.of(python, example("python/stomp_submit.py"), "--port", port(),
                "--user", "alice", "--password", "secret", "--", "echo", "hi"), Map.of());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(lines(r.out(), "event")).last().asString().contains("COMPLETED", "user alice");
    }

    @Test
    void stompWithAWrongPasswordIsRefusedAndSaysSo() throws Exception {
        String python = clients.python("stomp", "python3-stomp");

        Result r = clients.run(List.of(python, example("python/stomp_submit.py"), "--port", port(),
                "--user", "alice", "--password", "guess", "--", "true"), Map.of());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(77);
        assertThat(r.err()).contains("refused the login of user 'alice'");
    }

    @Test
    void aStompDurableSubscriptionWithALoginCollectsWhileAway() throws Exception {
        String python = clients.python("stomp", "python3-stomp");
        String name = "away-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> durable = List.of(python, example("python/stomp_durable.py"), "--port", port(),
                "--client-id", name, "--name", name, "--selector", "name = '" + name + "' AND group IN ('GOOD','BAD')");
        List<String> setUp = new ArrayList<>(durable);
        setUp.addAll(List.of("--count", "0"));
        assertThat(clients.run(setUp, ALICE).exit()).isZero();

        Result submitted = clients.run(List.of(python, example("python/stomp_submit.py"), "--port", port(),
                "--name", name, "--", "exit 5"), ALICE);
        assertThat(submitted.exit()).as(submitted.out() + submitted.err()).isEqualTo(1);

        List<String> receive = new ArrayList<>(durable);
        receive.addAll(List.of("--count", "1", "--timeout", "30"));
        Result r = clients.run(receive, ALICE);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode event = JSON.readTree(r.out().lines().findFirst().orElseThrow());
        assertThat(event.path("state").asText()).isEqualTo("FAILED");
        assertThat(event.path("user").asText()).isEqualTo("alice");
    }

    @Test
    void amqpWithALoginFromTheEnvironmentRunsTheJobAsThatUser() throws Exception {
        String python = clients.python("proton", "python3-qpid-proton");

        Result r = clients.run(List.of(python, example("python/amqp_submit.py"), "--url", "127.0.0.1:" + port(),
                "--", "echo hi"), ALICE);

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(lines(r.out(), "event")).last().asString().contains("COMPLETED", "user alice");
    }

    @Test
    void amqpWithoutALoginIsRefused() throws Exception {
        String python = clients.python("proton", "python3-qpid-proton");

        Result r = clients.run(List.of(python, example("python/amqp_submit.py"), "--url", "127.0.0.1:" + port(),
                "--timeout", "20", "--", "true"), Map.of());

        assertThat(r.exit()).as(r.out() + r.err()).isNotZero();
        assertThat(lines(r.out(), "reply")).isEmpty();
    }

    @Test
    void mqttWithALoginSubmitsAndFollowsTheJobWhichRunsAsThatUser() throws Exception {
        ExternalClients.requireMosquitto();
        String requestId = UUID.randomUUID().toString();
        Map<String, String> env = new java.util.HashMap<>(ALICE);
        env.putAll(Map.of("HOST", "127.0.0.1", "PORT", port()));
        String client = "users-" + requestId.substring(0, 8);
        List<String> events = List.of(example("mqtt/events.sh"), "-c", "-i", client, "-q", "1");
        List<String> register = new ArrayList<>(events);
        register.addAll(List.of("-W", "1"));
        clients.run(register, env);

        Result submit = clients.run(List.of(example("mqtt/submit.sh"),
                SubmissionJson.command("echo over mqtt").requestId(requestId).json()), env);
        assertThat(submit.exit()).as(submit.err()).isZero();
        List<String> receive = new ArrayList<>(events);
        receive.addAll(List.of("-C", "4", "-W", String.valueOf(WAIT.toSeconds())));
        Result r = clients.run(receive, env);

        List<JsonNode> received = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            JsonNode event = JSON.readTree(line).path("data");
            if (event.path("requestId").asText().equals(requestId)) {
                received.add(event);
            }
        }
        assertThat(received).extracting(d -> d.path("state").asText()).contains("COMPLETED");
        // MQTT messages are stamped with the login like core and STOMP ones
        assertThat(received).extracting(d -> d.path("user").asText()).containsOnly("alice");
    }
}
