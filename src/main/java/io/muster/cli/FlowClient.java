package io.muster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Destinations;
import io.muster.client.MusterLoginException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The CLI's side of {@code muster.flows}: sends a request, waits for the answer, and follows a
 * flow's events on {@code muster.events} to its end. Subscribes before it asks, so no event of a
 * flow it starts is missed.
 */
final class FlowClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Connection connection;
    private final Session session;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    /**
     * @param user     the broker login, or null for none (a server without broker.users)
     * @throws MusterLoginException if the broker refuses the login
     */
    FlowClient(String url, String user, String password) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        factory.setReconnectAttempts(0);
        factory.setInitialConnectAttempts(1);
        try {
            connection = user == null ? factory.createConnection() : factory.createConnection(user, password);
        } catch (JMSSecurityException e) {
            throw MusterLoginException.refused(url, user, e);
        } catch (JMSException e) {
            throw new IllegalStateException("no Muster server at " + url + " (start one with 'muster server'): "
                    + e.getMessage(), e);
        }
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic(Destinations.EVENTS_TOPIC),
                "flowExecutionId IS NOT NULL");
        consumer.setMessageListener(m -> {
            try {
                events.add(JSON.readTree(((TextMessage) m).getText()));
            } catch (Exception e) {
                // an unreadable event is not ours to judge
            }
        });
        connection.start();
    }

    JsonNode ask(ObjectNode request) throws JMSException, TimeoutException {
        Session asking = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            TemporaryQueue replies = asking.createTemporaryQueue();
            MessageConsumer answers = asking.createConsumer(replies);
            TextMessage message = asking.createTextMessage(request.toString());
            message.setJMSReplyTo(replies);
            message.setJMSCorrelationID(UUID.randomUUID().toString());
            asking.createProducer(asking.createQueue(Destinations.FLOWS_QUEUE)).send(message);
            Message answer = answers.receive(ANSWER_TIMEOUT.toMillis());
            if (answer == null) {
                throw new TimeoutException("no answer from Muster within " + ANSWER_TIMEOUT.toSeconds() + " s");
            }
            return JSON.readTree(((TextMessage) answer).getText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable answer from Muster: " + e.getMessage(), e);
        } finally {
            asking.close();
        }
    }

    /**
     * Hands each event of the execution to {@code each} until the flow's end event, which it
     * returns. After a quiet spell it asks for the status, so a flow that ended without an end
     * event (JBeret skips the listeners when its own machinery fails) does not keep it waiting.
     */
    JsonNode follow(long executionId, Duration timeout, Consumer<JsonNode> each)
            throws InterruptedException, TimeoutException, JMSException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        long quietSince = System.nanoTime();
        while (true) {
            long left = deadline == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("flow execution " + executionId + " did not end within " + timeout);
            }
            JsonNode event = events.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            if (event == null || event.path("data").path("executionId").asLong() != executionId) {
                if (System.nanoTime() - quietSince > QUIET.toNanos()) {
                    quietSince = System.nanoTime();
                    JsonNode ended = endedWithoutEvent(executionId);
                    if (ended != null) {
                        return ended;
                    }
                }
                continue;
            }
            quietSince = System.nanoTime();
            each.accept(event);
            JsonNode data = event.path("data");
            if (data.path("kind").asText().equals("flow") && !data.path("phase").asText().equals("STARTED")) {
                return event;
            }
        }
    }

    private static final Duration QUIET = Duration.ofSeconds(10);

    private JsonNode endedWithoutEvent(long executionId) throws JMSException, TimeoutException {
        ObjectNode request = JSON.createObjectNode().put("action", "status").put("executionId", executionId);
        JsonNode flow = ask(request).path("flow");
        String status = flow.path("batchStatus").asText();
        if (!List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(status)) {
            return null;
        }
        ObjectNode event = JSON.createObjectNode();
        event.putObject("data").put("kind", "flow").put("phase", status.equals("ABANDONED") ? "FAILED" : status)
                .put("executionId", executionId).put("flow", flow.path("flow").asText())
                .put("exitStatus", flow.path("exitStatus").asText());
        return event;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
