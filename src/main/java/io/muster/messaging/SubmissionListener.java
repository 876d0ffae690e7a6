package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.batch.Flows;
import io.muster.batch.JobLauncher;
import io.muster.config.MusterConfig;
import io.muster.config.UserRole;
import io.muster.job.JobId;
import io.muster.job.JobRecord;
import io.muster.job.JobState;
import io.muster.options.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where submissions enter: a consumer on {@code muster.submit} in a transacted session.
 *
 * <p>For each message: read and check it; if refused, copy it untouched to
 * {@code muster.rejected}, answer REJECTED with every violation, and publish the REJECTED event;
 * if accepted, store the job as ACCEPTED first, answer ACCEPTED, and only then commit, so a
 * crash never loses an accepted job. The job's batch run starts after the commit. A message
 * that makes this code throw is rolled back, redelivered with back-off and, after the broker's
 * limit, moved to the DLQ: it never blocks the queue.
 */
@ApplicationScoped
public class SubmissionListener {

    private static final Logger LOG = Logger.getLogger(SubmissionListener.class.getName());

    @Inject
    jakarta.enterprise.event.Event<SubmissionRejected> rejections;
    @Inject
    JobLauncher launcher;

    @Inject
    EventPublisher events;

    @Inject
    Flows flows;

    private Submissions submissions;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private jakarta.jms.Queue rejectedQueue;

    public synchronized void start(ConnectionFactory factory, Submissions rules) throws JMSException {
        this.submissions = rules;
        connection = factory.createConnection();
        session = connection.createSession(true, Session.SESSION_TRANSACTED);
        producer = session.createProducer(null);
        rejectedQueue = session.createQueue(MusterConfig.REJECTED_QUEUE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(MusterConfig.SUBMIT_QUEUE));
        consumer.setMessageListener(this::onMessage);
        connection.start();
    }

    void onMessage(Message message) {
        JobRecord accepted = null;
        try {
            String body = body(message);
            if (FlowRequests.isFlowStart(body)) {
                startFlow(message, body);
                session.commit();
                return;
            }
            Submissions.Outcome outcome = submissions.read(body, SenderLogin.submitter(message));
            if (outcome.accepted()) {
                accepted = launcher.accept(outcome.job());
                reply(message, accepted(accepted));
            } else {
                reject(message, outcome);
            }
            session.commit();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "submission " + messageId(message) + " failed; rolling back for redelivery", e);
            rollback();
            return;
        }
        if (accepted != null) {
            launcher.start(accepted);
        }
    }

    /**
     * A body with "flow" instead of "command" starts a flow; the reply carries its execution id.
     * Nothing to check here: the broker lets only submitters and admins send to this queue. The
     * sender's login, if the broker stamped one, owns the flow.
     */
    private void startFlow(Message message, String body) throws JMSException {
        String login = SenderLogin.submitter(message);
        Sender sender = login == null ? Sender.UNRESTRICTED : Sender.of(login, UserRole.SUBMIT.withIncluded());
        ObjectNode answer = new FlowRequests(flows).handle(body, message.getJMSMessageID(), sender);
        if (FlowRequests.rejected(answer)) {
            producer.send(rejectedQueue, copy(message));
            LOG.info(() -> "rejected flow request " + messageId(message) + ": " + answer.path("problems"));
        }
        reply(message, answer);
    }

    private void reject(Message message, Submissions.Outcome outcome) throws JMSException {
        producer.send(rejectedQueue, copy(message));
        JobRecord rejected = new JobRecord(JobId.generate(), outcome.requestId(), null, null, null, null, null,
                JobState.REJECTED, null, null, summary(outcome.violations()), java.time.Instant.now(), null,
                java.time.Instant.now(), null);
        reply(message, rejected(rejected, outcome.violations()));
        events.publish(rejected, outcome.violations());
        rejections.fire(new SubmissionRejected(outcome.violations()));
        LOG.info(() -> "rejected submission " + messageId(message) + ": " + summary(outcome.violations()));
    }

    private static String summary(List<Violation> violations) {
        return String.join("; ", violations.stream().map(Violation::toString).toList());
    }

    private Message copy(Message original) throws JMSException {
        Message copy;
        if (original instanceof BytesMessage bytes) {
            BytesMessage out = session.createBytesMessage();
            bytes.reset();
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            out.writeBytes(data);
            copy = out;
        } else if (original instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else {
            copy = session.createMessage();
        }
        for (Enumeration<?> names = original.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMSX") && !name.startsWith("_")) {
                try {
                    copy.setObjectProperty(name, original.getObjectProperty(name));
                } catch (JMSException | RuntimeException e) {
                    // STOMP headers such as content-length are no JMS property names: the copy goes without them
                    LOG.fine(() -> "not copying property '" + name + "' of a rejected submission: " + e.getMessage());
                }
            }
        }
        copy.setStringProperty("musterOriginalMessageId", original.getJMSMessageID());
        if (original.getJMSCorrelationID() != null) {
            copy.setJMSCorrelationID(original.getJMSCorrelationID());
        }
        return copy;
    }

    private void reply(Message request, ObjectNode answer) throws JMSException {
        Destination replyTo = request.getJMSReplyTo();
        if (replyTo == null) {
            return;
        }
        TextMessage reply = session.createTextMessage(answer.toString());
        String correlation = request.getJMSCorrelationID() != null ? request.getJMSCorrelationID()
                : request.getJMSMessageID();
        reply.setJMSCorrelationID(correlation);
        reply.setStringProperty("status", answer.get("status").asText());
        if (answer.hasNonNull("jobId")) {
            reply.setStringProperty("jobId", answer.get("jobId").asText());
        }
        try {
            producer.send(replyTo, reply);
        } catch (jakarta.jms.InvalidDestinationException e) {
            // a reply address the broker cannot route to must not undo an accepted job: the events tell the rest
            LOG.warning(() -> "cannot reply to " + replyTo + " for submission " + messageId(request) + ": "
                    + e.getMessage());
        }
    }

    static ObjectNode accepted(JobRecord job) {
        ObjectNode answer = Submissions.JSON.createObjectNode();
        answer.put("status", JobState.ACCEPTED.name());
        answer.put("jobId", job.id().value());
        answer.put("requestId", job.requestId());
        answer.put("state", job.state().name());
        return answer;
    }

    static ObjectNode rejected(JobRecord job, List<Violation> violations) {
        ObjectNode answer = Submissions.JSON.createObjectNode();
        answer.put("status", JobState.REJECTED.name());
        answer.put("jobId", job.id().value());
        answer.put("requestId", job.requestId());
        JobEvents.putViolations(answer, violations);
        return answer;
    }

    /** Text as sent by JMS and STOMP clients, bytes as sent by AMQP and MQTT clients: both are read as UTF-8. */
    static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            bytes.reset();
            return new String(data, StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String messageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }

    private void rollback() {
        try {
            session.rollback();
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "rollback failed", e);
        }
    }

    public synchronized void stop() {
        Connections.closeQuietly(connection, "submission");
        connection = null;
    }
}
