package io.muster.messaging;

import io.muster.api.Destinations;
import io.muster.api.Violation;
import io.muster.batch.FlowEvent;
import io.muster.job.JobRecord;
import io.muster.tracking.JobChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes every state change on {@code muster.events}: the CloudEvent as the body, and the
 * facts selectors need (jobId, state, backend, name, requestId) as message properties.
 *
 * <p>Publishing is asynchronous and batched: a state change only queues its event, and one
 * thread sends whatever has gathered (up to {@link #MAX_BATCH}) in one JMS transaction. The
 * queue keeps the order in which the changes were stored, so a job's events leave in order.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());
    static final int MAX_BATCH = 500;

    /** An event to send, built on the publisher's thread. */
    @FunctionalInterface
    private interface Pending {
        void send() throws JMSException;
    }

    private static final Pending STOP = () -> { };

    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private Thread sender;

    public synchronized void open(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        session = connection.createSession(true, Session.SESSION_TRANSACTED);
        producer = session.createProducer(session.createTopic(Destinations.EVENTS_TOPIC));
        connection.start();
        sender = new Thread(this::sendForever, "muster-events");
        sender.setDaemon(true);
        sender.start();
    }

    private void sendForever() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            sendAll(batch);
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void sendAll(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (producer == null) {
                return;
            }
            for (Pending p : batch) {
                try {
                    p.send();
                } catch (JMSException | RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot publish an event", e);
                }
            }
            try {
                session.commit();
            } catch (JMSException e) {
                LOG.log(Level.WARNING, "cannot publish " + batch.size() + " events", e);
            }
        }
    }

    void onChange(@Observes JobChanged change) {
        publish(change.job(), List.of());
    }

    /** Publishes one state of a job; violations go with a REJECTED one. */
    public void publish(JobRecord job, List<Violation> why) {
        pending.add(() -> send(job, why));
    }

    private void send(JobRecord job, List<Violation> why) throws JMSException {
        TextMessage message = session.createTextMessage(JobEvents.text(job, why));
        message.setStringProperty("jobId", job.id().value());
        message.setStringProperty("state", job.state().name());
        message.setStringProperty("group", job.state().group().name());
        message.setStringProperty("backend", job.backend());
        message.setStringProperty("name", job.name());
        if (job.user() != null) {
            message.setStringProperty("user", job.user());
        }
        if (job.requestId() != null) {
            message.setStringProperty("requestId", job.requestId());
        }
        if (job.exitCode() != null) {
            message.setIntProperty("exitCode", job.exitCode());
        }
        message.setStringProperty("type", JobEvents.type(job));
        producer.send(message);
    }

    void onFlow(@Observes FlowEvent event) {
        publish(event);
    }

    /**
     * Publishes a flow or step event. Properties for selectors: {@code type}, {@code flow},
     * {@code flowExecutionId}, {@code step}, {@code phase}, {@code exitStatus};
     * never {@code jobId}, {@code state} or {@code group}, so a subscriber to jobs sees no flow events.
     */
    public void publish(FlowEvent event) {
        pending.add(() -> send(event));
    }

    private void send(FlowEvent event) throws JMSException {
        TextMessage message = session.createTextMessage(
                new String(FlowEvents.serialize(event), StandardCharsets.UTF_8));
        message.setStringProperty("type", event.type());
        message.setStringProperty("flow", event.flow());
        message.setLongProperty("flowExecutionId", event.executionId());
        message.setStringProperty("phase", event.phase());
        if (event.step() != null) {
            message.setStringProperty("step", event.step());
        }
        if (event.exitStatus() != null) {
            message.setStringProperty("exitStatus", event.exitStatus());
        }
        producer.send(message);
    }

    /** Sends what is queued, then closes. */
    public void close() {
        Thread t;
        synchronized (this) {
            t = sender;
            sender = null;
        }
        if (t != null) {
            pending.add(STOP);
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeConnection();
    }

    private synchronized void closeConnection() {
        producer = null;
        Connections.closeQuietly(connection, "event");
        connection = null;
    }
}
