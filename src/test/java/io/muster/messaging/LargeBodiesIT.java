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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies near and over the limit, sent as one plain (not "large") message over TCP, which the
 * broker stores in its journal only up to about 490 KiB: what Muster reads is exactly what was
 * sent, as bytes (AMQP, MQTT, STOMP) or as text, and what it keeps of a refused one is bounded;
 * and bodies far past the limit, sent in parts as large messages, which the broker refuses at the send.
 */
class LargeBodiesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static TestServer server;
    private static Connection connection;
    /** A client with the library's defaults: a body past 100 KiB goes to the broker as a large message, in parts. */
    private static Connection streaming;
    /** Well past the broker's limit (8 MB): 12 million characters are 24 MB of core text. */
    private static final int TOO_MANY_CHARS = 12_000_000;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data.resolve("server"), 2);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(server.url());
        // one message, however big: what a client that never splits its messages sends
        factory.setMinLargeMessageSize(100 * 1024 * 1024);
        connection = factory.createConnection();
        connection.start();
        streaming = new ActiveMQConnectionFactory(server.url()).createConnection();
        streaming.start();
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        streaming.close();
        server.close();
    }

    @Test
    void aBytesBodyOfNineHundredKilobytesIsReadWholeAndRuns() throws Exception {
        byte[] body = ("{" + " ".repeat(900_000) + "\"command\":\"echo pad900k\"}").getBytes(StandardCharsets.UTF_8);

        JsonNode answer = ask(bytes(body));

        assertThat(answer.path("status").asText()).as("%s", abbreviated(answer)).isEqualTo("ACCEPTED");
        assertThat(output(answer.path("jobId").asText())).isEqualTo("pad900k\n");
    }

    @Test
    void aTextBodyOfNineHundredKilobytesIsReadWholeAndRuns() throws Exception {
        String body = "{" + " ".repeat(900_000) + "\"command\":\"echo text900k\"}";

        JsonNode answer = ask(session -> session.createTextMessage(body));

        assertThat(answer.path("status").asText()).as("%s", abbreviated(answer)).isEqualTo("ACCEPTED");
        assertThat(output(answer.path("jobId").asText())).isEqualTo("text900k\n");
    }

    /** Regression: bytes past about 500 KB were read from byte 512,000 on, so a hidden tail ran instead. */
    @Test
    void aCommandHiddenPastHalfAMegabyteIsNeverWhatRuns() throws Exception {
        Path marker = data.resolve("hidden-tail");
        String front = "{\"command\":\"echo front\"}";
        String tail = "{\"command\":\"echo tail > " + marker + "\"}";
        byte[] body = (front + " ".repeat(512_000 - front.length()) + tail).getBytes(StandardCharsets.UTF_8);

        JsonNode answer = ask(bytes(body));

        assertThat(answer.path("status").asText()).as("one object, then more: %s", abbreviated(answer))
                .isEqualTo("REJECTED");
        Thread.sleep(1000);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aBytesBodyOverTheLimitIsRefusedNamingItsSizeAndKeptOnlyInPart() throws Exception {
        byte[] body = ("{\"command\":\"true\",\"name\":\"" + "x".repeat(5_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        JsonNode answer = ask(bytes(body));

        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(answer.path("violations").get(0).path("message").asText())
                .contains(body.length + " bytes").contains("at most");
        Message kept = rejectedCopy(answer);
        assertThat(((BytesMessage) kept).getBodyLength()).isLessThanOrEqualTo(SubmissionListener.KEPT_BYTES);
        assertThat(kept.getLongProperty("musterOriginalSize")).isEqualTo(body.length);
    }

    @Test
    void aTextBodyOverTheLimitIsKeptOnlyInPart() throws Exception {
        String body = "{\"command\":\"true\",\"name\":\"" + "y".repeat(3_000_000) + "\"}";

        JsonNode answer = ask(session -> session.createTextMessage(body));

        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        Message kept = rejectedCopy(answer);
        assertThat(((TextMessage) kept).getText()).hasSizeLessThanOrEqualTo(SubmissionListener.KEPT_BYTES)
                .startsWith("{\"command\":\"true\"");
        assertThat(kept.getLongProperty("musterOriginalSize")).isEqualTo(body.length());
    }

    /**
     * Regression of the black-box pass: one submission larger than the server's heap (150 MB on a
     * 512 MB server) ended the thread that reads submissions, since the client library reads a body
     * whole before Muster sees its length, and the message came back at every delivery. The
     * embedded broker now refuses such a message at the send, to each address Muster reads
     * requests from, and the sender's send fails naming the size; the next submission runs.
     */
    @Test
    void aTextSubmissionFarPastTheLimitIsRefusedAtTheSendAndTheNextOneRuns() throws Exception {
        String body = "{\"command\":\"echo huge\",\"name\":\"" + "x".repeat(TOO_MANY_CHARS) + "\"}";

        assertThatThrownBy(() -> send("muster.submit", session -> session.createTextMessage(body)))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("is refused: a request takes at most " + OversizedRequests.MAX_MESSAGE_BYTES);

        JsonNode answer = ask(streaming, session -> session.createTextMessage("{\"command\":\"echo after\"}"));
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

        JsonNode answer = ask(streaming, session -> session.createTextMessage(body));

        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(answer.toString()).contains("characters long; a submission takes at most 1000000 characters");
    }

    private interface MessageMaker {
        Message make(Session session) throws Exception;
    }

    private static MessageMaker bytes(byte[] body) {
        return session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(body);
            return m;
        };
    }

    private static void send(String queue, MessageMaker maker) throws Exception {
        Session session = streaming.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            session.createProducer(session.createQueue(queue)).send(maker.make(session));
        } finally {
            session.close();
        }
    }

    private static JsonNode ask(MessageMaker maker) throws Exception {
        return ask(connection, maker);
    }

    private static JsonNode ask(Connection connection, MessageMaker maker) throws Exception {
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

    private static String output(String jobId) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.server().store()
                .find(new io.muster.api.JobId(jobId)).orElseThrow().state().isFinal());
        return Files.readString(server.server().store().find(new io.muster.api.JobId(jobId)).orElseThrow().stdoutPath());
    }

    /** The copy on muster.rejected of the refused submission {@code answer} is about (found by its correlation). */
    private static Message rejectedCopy(JsonNode answer) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            MessageConsumer consumer = session.createConsumer(session.createQueue("muster.rejected"));
            Message m;
            Message last = null;
            while ((m = consumer.receive(2000)) != null) {
                last = m;
            }
            assertThat(last).as("a copy on muster.rejected").isNotNull();
            return last;
        } finally {
            session.close();
        }
    }

    private static String abbreviated(JsonNode answer) {
        String text = answer.toString().replaceAll(" {20,}", " ... ");
        return text.length() > 600 ? text.substring(0, 600) : text;
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
