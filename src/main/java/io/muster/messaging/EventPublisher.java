package io.muster.messaging;

import io.muster.batch.FlowEvent;
import io.muster.config.MusterConfig;
import io.muster.job.JobRecord;
import io.muster.options.Violation;
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
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes every state change on {@code muster.events}: the CloudEvent as the body, and the
 * facts selectors need (jobId, state, backend, name, requestId) as message properties.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());

    private Connection connection;
    private Session session;
    private MessageProducer producer;

    public synchronized void open(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(session.createTopic(MusterConfig.EVENTS_TOPIC));
        connection.start();
    }

    void onChange(@Observes JobChanged change) {
        publish(change.job(), List.of());
    }

    /** Publishes one state of a job; violations go with a REJECTED one. */
    public synchronized void publish(JobRecord job, List<Violation> why) {
        if (producer == null) {
            return;
        }
        try {
            TextMessage message = session.createTextMessage(
                    new String(JobEvents.serialize(job, why), StandardCharsets.UTF_8));
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
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot publish " + job.state() + " of job " + job.id(), e);
        }
    }

    void onFlow(@Observes FlowEvent event) {
        publish(event);
    }

    /**
     * Publishes a flow or step event. Properties for selectors: {@code type}, {@code flow},
     * {@code flowExecutionId}, {@code step}, {@code phase}, {@code exitStatus};
     * never {@code jobId}, {@code state} or {@code group}, so a subscriber to jobs sees no flow events.
     */
    public synchronized void publish(FlowEvent event) {
        if (producer == null) {
            return;
        }
        try {
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
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot publish " + event.type() + " of flow execution " + event.executionId(), e);
        }
    }

    public synchronized void close() {
        producer = null;
        Connections.closeQuietly(connection, "event");
        connection = null;
    }
}
