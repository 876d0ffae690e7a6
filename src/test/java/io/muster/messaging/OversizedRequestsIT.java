package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.testing.TestServer;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression of the black-box pass: one submission larger than the server's heap (150 MB on a
 * 512 MB server) ended the thread that reads submissions, since the client library reads a body
 * whole before Muster sees its length, and the message came back at every delivery. The embedded
 * broker now refuses such a message at the send, to each address Muster reads requests from,
 * and the sender's send fails naming the size; the next submission runs.
 */
class OversizedRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Well past the limit (16 MB): 12 million characters are 24 MB of core text. */
    private static final int TOO_MANY_CHARS = 12_000_000;

    @TempDir
    static Path data;

    private static TestServer server;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data.resolve("server"), 2);
        connection = new ActiveMQConnectionFactory(server.url()).createConnection();
        connection.start();
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void aTextSubmissionFarPastTheLimitIsRefusedAtTheSendAndTheNextOneRuns() throws Exception {
        String body = "{\"command\":\"echo huge\",\"name\":\"" + "x".repeat(TOO_MANY_CHARS) + "\"}";

        assertThatThrownBy(() -> send("muster.submit", session -> session.createTextMessage(body)))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("is refused: a request takes at most " + OversizedRequests.MAX_MESSAGE_BYTES);

        JsonNode answer = ask(session -> session.createTextMessage("{\"command\":\"echo after\"}"));
        assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(largeMessageFiles()).as("large-message files the broker kept").isEmpty();
    }

    @Test
    void aBytesSubmissionFarPastTheLimitIsRefusedAtTheSend() {
        byte[] body = new byte[(int) OversizedRequests.MAX_MESSAGE_BYTES + 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        assertThatThrownBy(() -> send("muster.submit", session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(body);
            return m;
        })).isInstanceOf(JMSException.class).hasMessageContaining("bytes is refused");
    }

    @Test
    void controlAndFlowRequestsFarPastTheLimitAreRefusedAtTheSend() {
        String body = "{\"action\":\"status\",\"jobIds\":[\"" + "y".repeat(TOO_MANY_CHARS) + "\"]}";

        for (String queue : new String[] {"muster.control", "muster.flows"}) {
            assertThatThrownBy(() -> send(queue, session -> session.createTextMessage(body))).as(queue)
                    .isInstanceOf(JMSException.class).hasMessageContaining("to " + queue + " of ");
        }
    }

    @Test
    void aSubmissionJustOverTheRequestLimitStillReachesMusterAndIsRejectedWithItsLength() throws Exception {
        String body = "{\"command\":\"echo big\",\"name\":\"" + "z".repeat(1_000_001) + "\"}";

        JsonNode answer = ask(session -> session.createTextMessage(body));

        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(answer.toString()).contains("characters long; a submission takes at most 1000000 characters");
    }

    private interface MessageMaker {
        Message make(Session session) throws Exception;
    }

    private static void send(String queue, MessageMaker maker) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            session.createProducer(session.createQueue(queue)).send(maker.make(session));
        } finally {
            session.close();
        }
    }

    private static JsonNode ask(MessageMaker maker) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            Message request = maker.make(session);
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("muster.submit")).send(request);
            TextMessage reply = (TextMessage) consumer.receive(60_000);
            assertThat(reply).as("an answer within 60 s").isNotNull();
            return JSON.readTree(reply.getText());
        } finally {
            session.close();
        }
    }

    private static java.util.List<Path> largeMessageFiles() throws Exception {
        Path dir = data.resolve("server").resolve("broker").resolve("large-messages");
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
