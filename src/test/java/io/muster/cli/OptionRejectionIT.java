package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.api.Destinations;
import io.muster.api.JobState;
import io.muster.config.MusterConfig;
import io.muster.server.MusterServer;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the broker, as any client: a submission whose options are wrong in three ways is
 * REJECTED with three violations, and nothing runs.
 */
class OptionRejectionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private WeldContainer container;
    private MusterServer server;
    private Connection connection;
    private Session session;

    @BeforeEach
    void startMuster() throws Exception {
        container = Container.start();
        server = container.select(MusterServer.class).get();
        server.start(new MusterConfig(dataDir, MusterConfig.DEFAULT_BROKER_HOST, 0, 2,
                MusterConfig.defaultLocalMemoryMb(), MusterConfig.DEFAULT_BATCH_THREADS)
                .withLocalMemoryMb(8000));
        connection = server.broker().connectionFactory().createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    @AfterEach
    void stopMuster() throws Exception {
        if (connection != null) {
            connection.close();
        }
        server.stop();
        container.shutdown();
    }

    private JsonNode submit(String body) throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        MessageConsumer answers = session.createConsumer(replies);
        TextMessage message = session.createTextMessage(body);
        message.setJMSReplyTo(replies);
        session.createProducer(session.createQueue(Destinations.SUBMIT_QUEUE)).send(message);
        TextMessage reply = (TextMessage) answers.receive(30_000);
        assertThat(reply).as("an answer from Muster").isNotNull();
        return JSON.readTree(reply.getText());
    }

    @Test
    void rejectsThreeBadOptionsWithThreeViolationsAndRunsNothing() throws Exception {
        MessageConsumer rejectedCopies = session.createConsumer(session.createQueue(Destinations.REJECTED_QUEUE));
        String body = "{\"requestId\":\"bad-1\",\"command\":\"touch " + dataDir.resolve("ran") + "\","
                + "\"options\":{\"corse\": 2, \"mem\": \"4XB\", \"partition\": \"a\\n#SBATCH --uid=0\"}}";

        JsonNode reply = submit(body);

        assertThat(reply.path("status").asText()).isEqualTo("REJECTED");
        JsonNode violations = reply.path("violations");
        assertThat(violations).hasSize(3);
        assertThat(violations.findValuesAsText("option")).containsExactlyInAnyOrder("corse", "mem", "partition");
        assertThat(violations.findValuesAsText("value")).contains("4XB", "a\n#SBATCH --uid=0");
        assertThat(violations.findValuesAsText("message")).anySatisfy(m -> assertThat(m).contains("did you mean cores?"))
                .anySatisfy(m -> assertThat(m).contains("unknown unit 'XB'"))
                .anySatisfy(m -> assertThat(m).contains("must be a single token, but contains a newline"));
        TextMessage copy = (TextMessage) rejectedCopies.receive(10_000);
        assertThat(copy.getText()).isEqualTo(body);

        // a good job sent after it runs to its end; by then the bad one would have run too, had it been accepted
        JsonNode sentinel = submit("{\"requestId\":\"good-1\",\"command\":\"true\",\"options\":{\"mem\":\"100MB\"}}");
        assertThat(sentinel.path("status").asText()).isEqualTo("ACCEPTED");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                server.store().findByRequestId("good-1").map(j -> j.state().isFinal()).orElse(false));

        assertThat(server.store().findByRequestId("bad-1")).isEmpty();
        assertThat(server.store().findInStates(EnumSet.allOf(JobState.class))).singleElement()
                .satisfies(j -> assertThat(j.requestId()).isEqualTo("good-1"));
        assertThat(Files.exists(dataDir.resolve("ran"))).isFalse();
        try (Stream<Path> jobs = Files.list(server.config().workRoot().resolve("jobs"))) {
            assertThat(jobs).hasSize(1);
        }
    }

    @Test
    void acceptsANamedProfileAndRejectsAnUnknownOneNamingIt() throws Exception {
        JsonNode unknown = submit("{\"command\":\"true\",\"profile\":\"hueg\"}");
        assertThat(unknown.path("status").asText()).isEqualTo("REJECTED");
        assertThat(unknown.path("violations").get(0).path("message").asText())
                .isEqualTo("profile 'hueg' is not a profile; known profiles: DEFAULT, large, long, small, small_clean");

        JsonNode known = submit("{\"requestId\":\"long-1\",\"command\":\"true\",\"profile\":\"long\"}");
        assertThat(known.path("status").asText()).as(known.toString()).isEqualTo("ACCEPTED");
        var options = server.store().findByRequestId("long-1").orElseThrow().options();
        assertThat(options).containsEntry("time", "96:00:00");
        assertThat(((Number) options.get("mem")).longValue()).isEqualTo(4000);
    }
}
