package io.muster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber on {@code muster.events} for tests: collects every event it sees and waits for
 * the one a test needs. Listens on the topic, never on {@code muster.submit}, so it steals nothing.
 */
public final class EventProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();

    public EventProbe(ConnectionFactory factory, String selector) throws JMSException {
        connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic("muster.events"), selector);
        consumer.setMessageListener(this::onMessage);
        connection.start();
    }

    private void onMessage(Message message) {
        try {
            events.add(JSON.readTree(((TextMessage) message).getText()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next CloudEvent whose data.state is {@code state}; earlier events are kept in {@link #seen}. */
    public JsonNode await(String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no " + state + " event within " + timeout + "; saw states " + states());
            }
            seen.add(event);
            if (state.equals(event.path("data").path("state").asText())) {
                return event;
            }
        }
    }

    /** The next final event (COMPLETED or any bad state). */
    public JsonNode awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no final event within " + timeout + "; saw states " + states());
            }
            seen.add(event);
            String group = event.path("data").path("group").asText();
            if (group.equals("GOOD") || group.equals("BAD")) {
                return event;
            }
        }
    }

    public List<String> states() {
        return seen.stream().map(e -> e.path("data").path("state").asText()).toList();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
