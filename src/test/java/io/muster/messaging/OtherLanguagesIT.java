package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.api.JobState;
import io.muster.client.JobEvent;
import io.muster.client.JobHandle;
import io.muster.client.Muster;
import io.muster.client.Subscription;
import io.muster.testing.ExternalClients;
import io.muster.testing.Processes.Result;
import io.muster.testing.Processes;
import io.muster.testing.SubmissionJson;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable examples under {@code examples/}, run as a user runs them, with real clients from
 * Debian's packages (python3-stomp, python3-qpid-proton, mosquitto-clients) against a server on
 * a free TCP port. A missing client skips its test and says which package to install; CI
 * installs them all ({@code server-config/clients/install.sh}).
 */
class OtherLanguagesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = ExternalClients.EXAMPLES;

    @TempDir
    static Path data;

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(data.resolve("server"), 2);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return clients().run(command, env);
    }

    private static ExternalClients clients() {
        return new ExternalClients(data, WAIT.plusSeconds(30));
    }

    private static String python(String module, String debianPackage) throws Exception {
        return clients().python(module, debianPackage);
    }

    @Test
    void pythonStompSubmitsAJobAndReceivesItsCompletedEvent() throws Exception {
        String python = python("stomp", "python3-stomp");

        Result r = run(List.of(python, EXAMPLES.resolve("python/stomp_submit.py").toString(), "--port",
                String.valueOf(server.port()), "--name", "from-stomp", "--", "echo", "hello from stomp"), Map.of());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(ExternalClients.lines(r.out(), "reply")).singleElement().asString().contains("\"status\": \"ACCEPTED\"");
        assertThat(ExternalClients.lines(r.out(), "event")).last().asString().contains("COMPLETED", "exit code 0");
        String stdout = ExternalClients.lines(r.out(), "stdout ").get(0).substring("stdout ".length());
        assertThat(Path.of(stdout)).hasContent("hello from stomp");
    }

    @Test
    void pythonStompLearnsEveryViolationOfARejectedSubmission() throws Exception {
        String python = python("stomp", "python3-stomp");

        Result r = run(List.of(python, EXAMPLES.resolve("python/stomp_submit.py").toString(), "--port",
                String.valueOf(server.port()), "-o", "mem=lots", "-o", "corse=2", "--", "true"), Map.of());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("REJECTED", "mem=lots", "did you mean cores?");
    }

    @Test
    void pythonAmqpSubmitsAJobAndReceivesItsCompletedEvent() throws Exception {
        String python = python("proton", "python3-qpid-proton");

        Result r = run(List.of(python, EXAMPLES.resolve("python/amqp_submit.py").toString(), "--url",
                "127.0.0.1:" + server.port(), "--", "echo hi; exit 0"), Map.of());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode reply = JSON.readTree(ExternalClients.lines(r.out(), "reply ").get(0).substring("reply ".length()));
        assertThat(reply.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(ExternalClients.lines(r.out(), "event")).last().asString()
                .contains(reply.path("jobId").asText(), "COMPLETED", "exit code 0");
    }

    @Test
    void pythonAmqpGetsTheRejectedReplyWithEveryViolation() throws Exception {
        String python = python("proton", "python3-qpid-proton");

        Result r = run(List.of(python, EXAMPLES.resolve("python/amqp_submit.py").toString(), "--url",
                "127.0.0.1:" + server.port(), "-o", "mem=lots", "-o", "time=ab", "--", "true"), Map.of());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("\"status\": \"REJECTED\"", "mem=lots", "time=ab");
    }

    @Test
    void mosquittoReceivesTheEventsOfAJobSubmittedOverMqttThroughAPersistentSession() throws Exception {
        ExternalClients.requireMosquitto();
        String client = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = UUID.randomUUID().toString();
        Map<String, String> env = Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(server.port()));
        List<String> events = List.of(EXAMPLES.resolve("mqtt/events.sh").toString(), "-c", "-i", client, "-q", "1");
        // a persistent session: subscribe once, leave, and find the events waiting on return
        List<String> register = new ArrayList<>(events);
        register.addAll(List.of("-W", "1"));
        run(register, env);

        Result submit = run(List.of(EXAMPLES.resolve("mqtt/submit.sh").toString(),
                SubmissionJson.command("echo over mqtt").requestId(requestId).name("mqtt").json()), env);
        assertThat(submit.exit()).as(submit.err()).isZero();

        List<String> receive = new ArrayList<>(events);
        receive.addAll(List.of("-C", "4", "-W", String.valueOf(WAIT.toSeconds())));
        Result r = run(receive, env);

        List<JsonNode> received = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            received.add(JSON.readTree(line).path("data"));
        }
        assertThat(received).extracting(d -> d.path("requestId").asText()).containsOnly(requestId);
        // MQTT keeps order within a connection, not across a reconnect: a message in flight when the first
        // session closed comes again after the ones queued meanwhile
        assertThat(received).extracting(d -> d.path("state").asText())
                .containsExactlyInAnyOrder("ACCEPTED", "QUEUED", "RUNNING", "COMPLETED");
    }

    @Test
    void stompDurableSubscriptionHandsOverTheEventsPublishedWhileAway() throws Exception {
        String python = python("stomp", "python3-stomp");
        String name = "away-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> durable = List.of(python, EXAMPLES.resolve("python/stomp_durable.py").toString(), "--port",
                String.valueOf(server.port()), "--client-id", name, "--name", name, "--selector",
                "name = '" + name + "' AND group IN ('GOOD','BAD')");
        List<String> setUp = new ArrayList<>(durable);
        setUp.addAll(List.of("--count", "0"));
        assertThat(run(setUp, Map.of()).exit()).isZero();

        JobHandle job;
        try (Muster muster = Muster.connect(server.url())) {
            job = muster.command("exit 5").name(name).submit();
            assertThat(job.await(WAIT)).isEqualTo(JobState.FAILED);
        }

        List<String> receive = new ArrayList<>(durable);
        receive.addAll(List.of("--count", "1", "--timeout", "30"));
        Result r = run(receive, Map.of());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode event = JSON.readTree(r.out().lines().findFirst().orElseThrow());
        assertThat(event.path("jobId").asText()).isEqualTo(job.id());
        assertThat(event.path("state").asText()).isEqualTo("FAILED");
        assertThat(event.path("exitCode").asInt()).isEqualTo(5);
    }

    @Test
    void aReplyAddressTheBrokerCannotRouteToDoesNotUndoTheJob() throws Exception {
        String requestId = UUID.randomUUID().toString();
        String replies = "replies-" + requestId;
        BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
        try (Muster muster = Muster.connect(server.url());
             Subscription s = muster.events("requestId = '" + requestId + "' AND state = 'COMPLETED'", events::add);
             Connection connection = new ActiveMQConnectionFactory(server.url()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(replies));
            TextMessage message = session.createTextMessage(SubmissionJson.command("true").requestId(requestId).json());
            // the queue exists as anycast; a topic of that name cannot be routed to: STOMP clients do this
            message.setJMSReplyTo(session.createTopic(replies));
            session.createProducer(session.createQueue("muster.submit")).send(message);

            assertThat(events.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the job's COMPLETED event").isNotNull();
        }
    }
}
