package io.muster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.config.MusterConfig;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/** Submits over JMS exactly as an outside client would, and follows the job's events to its end. */
final class JmsSubmitter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final Session session;

    JmsSubmitter(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    JobOutcome submitAndWait(SubmitRequest request, Duration timeout) throws Exception {
        String requestId = UUID.randomUUID().toString();
        MessageConsumer events = session.createConsumer(session.createTopic(MusterConfig.EVENTS_TOPIC),
                "requestId = '" + requestId + "'");
        TemporaryQueue replies = session.createTemporaryQueue();
        MessageConsumer replyConsumer = session.createConsumer(replies);

        ObjectNode body = JSON.createObjectNode();
        body.put("requestId", requestId);
        body.put("command", request.command());
        if (request.name() != null) body.put("name", request.name());
        if (request.backend() != null) body.put("backend", request.backend());
        if (request.profile() != null) body.put("profile", request.profile());
        body.set("options", JSON.valueToTree(request.options()));
        TextMessage message = session.createTextMessage(body.toString());
        message.setJMSReplyTo(replies);
        message.setJMSCorrelationID(requestId);
        session.createProducer(session.createQueue(MusterConfig.SUBMIT_QUEUE)).send(message);

        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        JsonNode reply = JSON.readTree(((TextMessage) receive(replyConsumer, deadline)).getText());
        if ("REJECTED".equals(reply.path("status").asText())) {
            List<String> violations = new ArrayList<>();
            reply.path("violations").forEach(v -> violations.add(v.path("message").asText()
                    + " (value: " + v.path("value").asText() + ")"));
            return new JobOutcome(reply.path("jobId").asText(), "REJECTED", null, null, null, null, violations);
        }
        while (true) {
            JsonNode data = JSON.readTree(((TextMessage) receive(events, deadline)).getText()).path("data");
            String group = data.path("group").asText();
            if (group.equals("GOOD") || group.equals("BAD")) {
                return new JobOutcome(data.path("jobId").asText(), data.path("state").asText(),
                        data.path("exitCode").isNull() ? null : data.path("exitCode").asInt(),
                        data.path("reason").isNull() ? null : data.path("reason").asText(),
                        path(data, "stdout"), path(data, "stderr"), List.of());
            }
        }
    }

    private static Path path(JsonNode data, String field) {
        return data.hasNonNull(field) ? Path.of(data.get(field).asText()) : null;
    }

    private static Message receive(MessageConsumer consumer, long deadline) throws JMSException, TimeoutException {
        while (true) {
            long left = deadline == Long.MAX_VALUE ? 1000 : (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new TimeoutException("no answer from Muster in time");
            }
            Message m = consumer.receive(Math.min(left, 1000));
            if (m != null) {
                return m;
            }
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
