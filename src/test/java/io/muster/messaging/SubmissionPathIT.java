package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.config.MusterConfig;
import io.muster.server.MusterServer;
import io.muster.testing.EventProbe;
import io.muster.testing.SubmissionJson;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import io.muster.testing.MusterArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton end to end, in an embedded Weld container: a real embedded broker, the
 * job store on an H2 file, JBeret's muster-job and the local pool, driven only through JMS.
 */
@ExtendWith(ArquillianExtension.class)
class SubmissionPathIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Deployment
    static JavaArchive deployment() {
        return MusterArchive.create();
    }

    @Inject
    MusterServer server;

    /**
     * One server for the class: the container's MusterServer is application-scoped and stops
     * when Arquillian undeploys the archive. Each test asks for it, since Arquillian invokes the
     * test method in the container, where JUnit's @BeforeEach does not run on the same instance.
     */
    private ConnectionFactory factory() throws Exception {
        if (!server.running()) {
            Path data = Files.createTempDirectory("muster-it");
            server.start(new MusterConfig(data, MusterConfig.DEFAULT_BROKER_HOST, 0, 2,
                    MusterConfig.defaultLocalMemoryMb(), MusterConfig.DEFAULT_BATCH_THREADS));
        }
        return server.broker().connectionFactory();
    }

    @Test
    void echoRunsAndPublishesRunningThenCompletedWithItsOutput() throws Exception {
        String requestId = UUID.randomUUID().toString();
        try (EventProbe events = probe(requestId)) {
            send(SubmissionJson.command("echo hi").backend("local").requestId(requestId).json());

            JsonNode completed = events.awaitEnd(WAIT).path("data");

            assertThat(events.states()).containsSubsequence("ACCEPTED", "QUEUED", "RUNNING", "COMPLETED");
            assertThat(completed.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(completed.path("exitCode").asInt()).isZero();
            assertThat(Files.readString(Path.of(completed.path("stdout").asText()))).isEqualTo("hi\n");
        }
    }

    @Test
    void eventIsACloudEventWithSelectableProperties() throws Exception {
        String requestId = UUID.randomUUID().toString();
        try (EventProbe events = probe(requestId + "' AND state = 'COMPLETED' AND backend = 'local")) {
            send(SubmissionJson.command("true").requestId(requestId).backend("local").json());

            JsonNode event = events.await("COMPLETED", WAIT);

            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo("io.muster.job.completed");
            assertThat(event.path("subject").asText()).isEqualTo(event.path("data").path("jobId").asText());
            assertThat(event.path("id").asText()).isEqualTo(event.path("subject").asText() + ":COMPLETED");
        }
    }

    @Test
    void anOptionTheBackendCannotExpressIsAWarningInTheQueuedEventNotSilence() throws Exception {
        String requestId = UUID.randomUUID().toString();
        try (EventProbe events = probe(requestId)) {
            send(SubmissionJson.command("true").backend("local").option("partition", "short").requestId(requestId).json());

            JsonNode queued = events.await("QUEUED", WAIT).path("data");

            assertThat(queued.path("reason").asText()).startsWith("warning:").contains("partition=short");
            assertThat(events.awaitEnd(WAIT).path("data").path("state").asText()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void afterAnyStartsWhenItsDependencyFailedWhileAfterOkEndsDependencyFailed() throws Exception {
        String batch = UUID.randomUUID().toString();
        try (EventProbe first = probe(batch + "-a");
             EventProbe any = probe(batch + "-any");
             EventProbe ok = probe(batch + "-ok")) {
            send(SubmissionJson.command("sleep 1; exit 1").requestId(batch + "-a").json());
            String a = first.await("ACCEPTED", WAIT).path("data").path("jobId").asText();

            send(SubmissionJson.command("echo after any").option("depends", List.of("afterany:" + a))
                    .requestId(batch + "-any").json());
            send(SubmissionJson.command("echo after ok").option("depends", List.of(a)).requestId(batch + "-ok").json());

            assertThat(first.awaitEnd(WAIT).path("data").path("state").asText()).isEqualTo("FAILED");
            assertThat(any.awaitEnd(WAIT).path("data").path("state").asText()).isEqualTo("COMPLETED");
            assertThat(ok.awaitEnd(WAIT).path("data").path("state").asText()).isEqualTo("DEPENDENCY_FAILED");
        }
    }

    @Test
    void exitThreeEndsFailedWithExitCodeThree() throws Exception {
        String requestId = UUID.randomUUID().toString();
        try (EventProbe events = probe(requestId)) {
            send(SubmissionJson.command("exit 3").requestId(requestId).json());

            JsonNode end = events.awaitEnd(WAIT).path("data");

            assertThat(end.path("state").asText()).isEqualTo("FAILED");
            assertThat(end.path("exitCode").asInt()).isEqualTo(3);
        }
    }

    @Test
    void invalidMemoryIsRejectedNamingOptionAndValueAndKeptOnRejectedQueue() throws Exception {
        String requestId = UUID.randomUUID().toString();
        String body = SubmissionJson.command("echo hi").option("mem", "lots").requestId(requestId).json();
        try (EventProbe events = probe(requestId)) {
            send(body);

            JsonNode rejected = events.await("REJECTED", WAIT).path("data");

            JsonNode violation = rejected.path("violations").get(0);
            assertThat(violation.path("option").asText()).isEqualTo("mem");
            assertThat(violation.path("value").asText()).isEqualTo("lots");
            assertThat(violation.path("message").asText()).contains("mem");
            assertThat(rejectedBodies()).contains(body);
        }
    }

    @Test
    void everyViolationIsListedTogether() throws Exception {
        String requestId = UUID.randomUUID().toString();
        try (EventProbe events = probe(requestId)) {
            send(SubmissionJson.command("true").option("mem", "lots").option("cores", 0).option("time", "ab")
                    .requestId(requestId).json());

            JsonNode rejected = events.await("REJECTED", WAIT).path("data");

            List<String> options = new ArrayList<>();
            rejected.path("violations").forEach(v -> options.add(v.path("option").asText()));
            assertThat(options).containsExactlyInAnyOrder("mem", "cores", "time");
        }
    }

    @Test
    void nonJsonBodyIsRejectedAndKeptAndTheNextValidMessageStillRuns() throws Exception {
        try (EventProbe rejectedEvents = probe(null, "state = 'REJECTED'")) {
            send("this is { not json");

            JsonNode rejected = rejectedEvents.await("REJECTED", WAIT).path("data");
            assertThat(rejected.path("violations").get(0).path("option").asText()).isEqualTo("body");
        }
        assertThat(rejectedBodies()).contains("this is { not json");

        String requestId = UUID.randomUUID().toString();
        try (EventProbe events = probe(requestId)) {
            send(SubmissionJson.command("echo still here").requestId(requestId).json());
            assertThat(events.awaitEnd(WAIT).path("data").path("state").asText()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void missingCommandIsRejected() throws Exception {
        try (EventProbe events = probe(null, "state = 'REJECTED'")) {
            send("{\"name\":\"nothing\"}");

            JsonNode rejected = events.await("REJECTED", WAIT).path("data");

            assertThat(rejected.path("violations").toString()).contains("command is required");
        }
    }

    @Test
    void replyToGetsAcceptedWithJobIdAndTheSameCorrelationId() throws Exception {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            TextMessage request = session.createTextMessage(SubmissionJson.command("true").json());
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("corr-42");
            session.createProducer(session.createQueue("muster.submit")).send(request);

            Message reply = consumer.receive(WAIT.toMillis());

            assertThat(reply).isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("corr-42");
            JsonNode answer = JSON.readTree(((TextMessage) reply).getText());
            assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(answer.path("jobId").asText()).isNotBlank();
        }
    }

    @Test
    void replyToGetsRejectedWithViolations() throws Exception {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            TextMessage request = session.createTextMessage(SubmissionJson.command("true").option("mem", "lots").json());
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("corr-43");
            session.createProducer(session.createQueue("muster.submit")).send(request);

            Message reply = consumer.receive(WAIT.toMillis());

            assertThat(reply.getJMSCorrelationID()).isEqualTo("corr-43");
            JsonNode answer = JSON.readTree(((TextMessage) reply).getText());
            assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
            assertThat(answer.path("violations").get(0).path("value").asText()).isEqualTo("lots");
        }
    }

    @Test
    void givenAKeyOfAlicesJob_whenBobSubmitsWithTheSameKey_thenBobIsRefusedAndAliceGetsHerJobAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        JsonNode alice = answer(SubmissionJson.command("true").requestId(key).user("alice").json());
        JsonNode bob = answer(SubmissionJson.command("true").requestId(key).user("bob").json());
        JsonNode aliceAgain = answer(SubmissionJson.command("true").requestId(key).user("alice").json());

        assertThat(alice.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(bob.path("status").asText()).isEqualTo("REJECTED");
        assertThat(bob.toString()).doesNotContain(alice.path("jobId").asText());
        assertThat(bob.path("violations").get(0).path("option").asText()).isEqualTo("requestId");
        assertThat(bob.path("violations").get(0).path("message").asText())
                .isEqualTo("requestId '" + key + "' is taken by another user's submission; choose another requestId");
        assertThat(aliceAgain.path("jobId").asText()).isEqualTo(alice.path("jobId").asText());
    }

    /** Sends a submission with a reply queue and returns the answer. */
    private JsonNode answer(String body) throws Exception {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            TextMessage request = session.createTextMessage(body);
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("muster.submit")).send(request);
            Message reply = consumer.receive(WAIT.toMillis());
            assertThat(reply).as("an answer to %s", body).isNotNull();
            return JSON.readTree(((TextMessage) reply).getText());
        }
    }

    @Test
    void fourTwoCoreJobsOnATwoCorePoolNeverOverlap() throws Exception {
        String batch = UUID.randomUUID().toString();
        List<JsonNode> ends = new ArrayList<>();
        try (EventProbe events = probe(null, "requestId LIKE '" + batch + "%' AND group IN ('GOOD','BAD')")) {
            for (int i = 0; i < 4; i++) {
                send(SubmissionJson.command("sleep 1").option("cores", 2).requestId(batch + "-" + i).json());
            }
            for (int i = 0; i < 4; i++) {
                ends.add(events.awaitEnd(WAIT).path("data"));
            }
        }
        List<Instant[]> spans = ends.stream()
                .peek(e -> assertThat(e.path("state").asText()).isEqualTo("COMPLETED"))
                .map(e -> new Instant[] {Instant.parse(e.path("started").asText()), Instant.parse(e.path("ended").asText())})
                .sorted((a, b) -> a[0].compareTo(b[0]))
                .toList();
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("job %d starts after job %d ended", i, i - 1)
                    .isAfterOrEqualTo(spans.get(i - 1)[1]);
        }
    }

    private EventProbe probe(String requestId) throws Exception {
        return probe(requestId, null);
    }

    private EventProbe probe(String requestId, String selector) throws Exception {
        String s = selector != null ? selector : "requestId = '" + requestId + "'";
        return new EventProbe(factory(), s);
    }

    private void send(String body) throws Exception {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("muster.submit")).send(session.createTextMessage(body));
        }
    }

    /** Drains muster.rejected and returns the bodies found there. */
    private List<String> rejectedBodies() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("muster.rejected"));
            connection.start();
            Message m;
            while ((m = consumer.receive(500)) != null) {
                if (m instanceof TextMessage text) {
                    bodies.add(text.getText());
                } else if (m instanceof BytesMessage bytes) {
                    byte[] data = new byte[(int) bytes.getBodyLength()];
                    bytes.readBytes(data);
                    bodies.add(new String(data, StandardCharsets.UTF_8));
                }
            }
        }
        return bodies;
    }
}
