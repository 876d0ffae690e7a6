package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.config.MusterConfig;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one request/reply plumbing of {@code muster.control} and {@code muster.flows}, on a real
 * embedded broker: every request is answered on its reply address with its correlation id, also
 * when the handler fails (before, a failing flow request was logged and never answered, so its
 * client waited for its whole timeout).
 */
class RequestQueueIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "muster.test.requests";

    @TempDir
    Path data;

    private EmbeddedBroker broker;
    private BrokerLink link;
    private Connection client;

    @BeforeEach
    void startBroker() throws Exception {
        broker = new EmbeddedBroker(new MusterConfig(data, MusterConfig.DEFAULT_BROKER_HOST, 0, 1, 1024, 8));
        broker.start();
        link = new BrokerLink(broker, null);
        client = broker.connectionFactory().createConnection();
        client.start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        client.close();
        link.close();
        broker.stop();
    }

    @Test
    void answersEachRequestOnItsReplyAddressWithItsCorrelationIdAndStatus() throws Exception {
        RequestQueue queue = new RequestQueue(QUEUE, request -> io.muster.messaging.Answers.ok()
                .put("echo", ((TextMessage) request).getText()));
        queue.start(link);
        try {
            TextMessage reply = ask("{\"action\":\"ping\"}", "corr-1");

            assertThat(reply.getJMSCorrelationID()).isEqualTo("corr-1");
            assertThat(reply.getStringProperty("status")).isEqualTo("OK");
            assertThat(JSON.readTree(reply.getText()).path("echo").asText()).isEqualTo("{\"action\":\"ping\"}");
        } finally {
            queue.stop();
        }
    }

    @Test
    void aRequestTheHandlerFailsOnIsAnsweredAsAServerErrorNamingTheFailure() throws Exception {
        RequestQueue queue = new RequestQueue(QUEUE, request -> {
            throw new IllegalStateException("the flow repository is gone");
        });
        queue.start(link);
        try {
            TextMessage reply = ask("{\"action\":\"status\",\"executionId\":1}", null);

            JsonNode answer = JSON.readTree(reply.getText());
            assertThat(reply.getStringProperty("status")).isEqualTo("ERROR");
            assertThat(answer.path("error").asText()).isEqualTo("SERVER_ERROR");
            assertThat(answer.path("message").asText()).contains("the flow repository is gone");
        } finally {
            queue.stop();
        }
    }

    @Test
    void aRequestWithoutAReplyAddressIsStillCarriedOut() throws Exception {
        CountDownLatch handled = new CountDownLatch(1);
        RequestQueue queue = new RequestQueue(QUEUE, request -> {
            handled.countDown();
            return io.muster.messaging.Answers.ok();
        });
        queue.start(link);
        try {
            Session s = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue(QUEUE)).send(s.createTextMessage("{\"action\":\"cancel\"}"));

            assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            queue.stop();
        }
    }

    /** Sends one request with a temporary reply queue and returns its answer (with its message id as correlation when none is set). */
    private TextMessage ask(String body, String correlation) throws Exception {
        Session s = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replies = s.createTemporaryQueue();
        MessageConsumer consumer = s.createConsumer(replies);
        TextMessage request = s.createTextMessage(body);
        request.setJMSReplyTo(replies);
        if (correlation != null) {
            request.setJMSCorrelationID(correlation);
        }
        s.createProducer(s.createQueue(QUEUE)).send(request);
        TextMessage reply = (TextMessage) consumer.receive(10_000);
        assertThat(reply).as("an answer within 10 s").isNotNull();
        if (correlation == null) {
            assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
        }
        return reply;
    }
}
