package io.muster.scheduler.slurm;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Destinations;
import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.Schedulers;
import io.muster.server.MusterServer;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Muster server in this JVM (temp data dir, no TCP port) and a client that submits JSON on
 * {@code muster.submit} and collects every event from {@code muster.events}, as any other
 * service would.
 */
final class MusterUnderTest implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WeldContainer container;
    private final MusterServer server;
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    /** Events by request id, in arrival order. */
    private final Map<String, List<JsonNode>> events = new ConcurrentHashMap<>();

    private MusterUnderTest(WeldContainer container, MusterServer server) throws JMSException {
        this.container = container;
        this.server = server;
        connection = server.broker().connectionFactory().createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        listening.createConsumer(listening.createTopic(Destinations.EVENTS_TOPIC)).setMessageListener(m -> {
            try {
                JsonNode data = JSON.readTree(((TextMessage) m).getText()).path("data");
                events.computeIfAbsent(data.path("requestId").asText(), k -> new CopyOnWriteArrayList<>()).add(data);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        producer = session.createProducer(session.createQueue(Destinations.SUBMIT_QUEUE));
        connection.start();
    }

    static MusterUnderTest start(Path dataDir, GridSettings slurm) throws Exception {
        WeldContainer container = io.muster.cli.Container.start("muster-it-" + UUID.randomUUID());
        MusterServer server = container.select(MusterServer.class).get();
        server.start(new MusterConfig(dataDir, MusterConfig.DEFAULT_BROKER_HOST, 0, 2, 1024, 64).withSlurm(slurm));
        return new MusterUnderTest(container, server);
    }

    /** Submits {@code command} with {@code options}; returns the request id its events carry. */
    String submit(String backend, String command, Map<String, Object> options) throws Exception {
        String requestId = UUID.randomUUID().toString();
        ObjectNode body = JSON.createObjectNode();
        body.put("requestId", requestId);
        body.put("command", command);
        body.put("backend", backend);
        body.set("options", JSON.valueToTree(options));
        producer.send(session.createTextMessage(body.toString()));
        return requestId;
    }

    List<JsonNode> events(String requestId) {
        return events.getOrDefault(requestId, List.of());
    }

    Optional<JsonNode> event(String requestId, String state) {
        return events(requestId).stream().filter(e -> e.path("state").asText().equals(state)).findFirst();
    }

    /** The final event of the request's job (COMPLETED or any bad state). */
    JsonNode awaitEnd(String requestId, Duration atMost) {
        return await().atMost(atMost).until(() -> events(requestId).stream()
                .filter(e -> e.path("group").asText().matches("GOOD|BAD")).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** The first event of the request's job that carries the scheduler's id. */
    String awaitSchedulerId(String requestId, Duration atMost) {
        return await().atMost(atMost).until(() -> events(requestId).stream()
                .filter(e -> e.hasNonNull("schedulerId")).findFirst(), Optional::isPresent)
                .orElseThrow().path("schedulerId").asText();
    }

    JsonNode awaitState(String requestId, String state, Duration atMost) {
        return await().atMost(atMost).until(() -> event(requestId, state), Optional::isPresent).orElseThrow();
    }

    Scheduler backend(String name) {
        return container.select(Schedulers.class).get().find(name).orElseThrow();
    }

    MusterServer server() {
        return server;
    }

    @Override
    public void close() throws Exception {
        try {
            connection.close();
            server.stop();
        } finally {
            container.shutdown();
        }
    }
}
