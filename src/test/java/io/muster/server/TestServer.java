package io.muster.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.api.Destinations;
import io.muster.config.MusterConfig;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Muster server in the test's JVM: its own Weld container, a data directory of the test's,
 * no TCP acceptor (in-VM only, so tests never fight over a port). Submits and listens over JMS
 * as any client does; can be stopped and started again on the same data directory.
 */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final WeldContainer container;
    private final MusterServer server;
    private final MusterConfig config;
    private Connection connection;
    private Session session;
    private MessageConsumer events;

    TestServer(Path dataDir, int cores) throws Exception {
        this(dataDir, cores, java.util.function.UnaryOperator.identity());
    }

    /** A server whose settings the test changes first ({@code c -> c.withSlurm(...)}). */
    TestServer(Path dataDir, int cores, java.util.function.UnaryOperator<MusterConfig> settings) throws Exception {
        container = io.muster.cli.Container.start("muster-test-" + UUID.randomUUID());
        server = container.select(MusterServer.class).get();
        config = settings.apply(new MusterConfig(dataDir, MusterConfig.DEFAULT_BROKER_HOST, 0, cores, 4096, 32));
        try {
            start();
        } catch (Exception | Error e) {
            // a start the test expects to fail leaves no container behind
            container.shutdown();
            throw e;
        }
    }

    MusterServer server() {
        return server;
    }

    /** A bean of this server's container, for a test that stops one part of it. */
    <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    /** Starts the server and subscribes to its events before anything can happen. */
    void start() throws Exception {
        server.start(config);
        connection = server.broker().connectionFactory().createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        events = session.createConsumer(session.createTopic(Destinations.EVENTS_TOPIC));
        connection.start();
    }

    void stop() throws Exception {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        server.stop();
    }

    /** Sends a submission body to {@code muster.submit}, as a client would. */
    void submit(String json) throws JMSException {
        session.createProducer(session.createQueue(Destinations.SUBMIT_QUEUE)).send(session.createTextMessage(json));
    }

    /** Sends many submission bodies in one JMS transaction, so that they arrive as one burst. */
    void submitAll(java.util.List<String> bodies) throws JMSException {
        try (Session tx = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            jakarta.jms.MessageProducer producer = tx.createProducer(tx.createQueue(Destinations.SUBMIT_QUEUE));
            for (String body : bodies) {
                producer.send(tx.createTextMessage(body));
            }
            tx.commit();
        }
    }

    /** The {@code data} of the next event matching {@code predicate}; other events are skipped. */
    JsonNode awaitEvent(java.util.function.Predicate<JsonNode> predicate, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            TextMessage m = (TextMessage) events.receive(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (m == null) {
                break;
            }
            JsonNode data = JSON.readTree(m.getText()).path("data");
            if (predicate.test(data)) {
                return data;
            }
        }
        throw new TimeoutException("no matching event within " + timeout);
    }

    static java.util.function.Predicate<JsonNode> event(String requestId, String state) {
        return d -> requestId.equals(d.path("requestId").asText()) && state.equals(d.path("state").asText());
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            container.shutdown();
        }
    }
}
