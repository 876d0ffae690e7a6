package io.muster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A subscriber to the flow and step events on {@code muster.events}, for tests. */
public final class FlowEventProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    public FlowEventProbe(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic("muster.events"),
                "flowExecutionId IS NOT NULL");
        consumer.setMessageListener(m -> {
            try {
                events.add(JSON.readTree(((TextMessage) m).getText()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
    }

    /** Every event of one flow execution, in arrival order, up to and including its end. */
    public List<JsonNode> awaitFlowEnd(long executionId, Duration timeout) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("flow execution " + executionId + " did not end within " + timeout
                        + "; saw " + seen.stream().map(FlowEventProbe::label).toList());
            }
            if (e.path("data").path("executionId").asLong() != executionId) {
                continue;
            }
            seen.add(e);
            if (e.path("type").asText().startsWith("io.muster.flow.") && !label(e).equals("flow.started")) {
                return seen;
            }
        }
    }

    /** {@code flow.started}, {@code b.completed}, …: the step id (or "flow") and the phase. */
    public static String label(JsonNode event) {
        JsonNode data = event.path("data");
        String who = data.hasNonNull("step") ? data.path("step").asText() : "flow";
        return who + "." + data.path("phase").asText().toLowerCase();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
