package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Destinations;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.api.ReplyStatus;
import io.muster.api.Violation;
import io.muster.batch.Flows;
import io.muster.batch.JobLauncher;
import io.muster.config.UserRole;
import io.muster.job.JobRecord;
import io.muster.options.Limits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
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
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where submissions enter: a consumer on {@code muster.submit} in a transacted session.
 *
 * <p>For each message: read and check it; if refused, copy it untouched to
 * {@code muster.rejected}, answer REJECTED with every violation, and publish the REJECTED event;
 * if accepted, store the job as ACCEPTED first, answer ACCEPTED, and only then commit, so a
 * crash never loses an accepted job. Messages that arrive together are taken together (see
 * {@link #handle}). The jobs go to the dispatcher after the commit. A message
 * that makes this code throw is rolled back, redelivered with back-off and, after the broker's
 * limit, moved to the DLQ: it never blocks the queue.
 */
@ApplicationScoped
public class SubmissionListener {

    private static final Logger LOG = Logger.getLogger(SubmissionListener.class.getName());

    /** {@code max-delivery-attempts} of {@code muster.#} in {@code server-config/broker.xml} (a test keeps them equal). */
    static final int MAX_DELIVERY_ATTEMPTS = 5;
    static final String DLQ = Destinations.DEAD_LETTER_QUEUE;

    @Inject
    jakarta.enterprise.event.Event<SubmissionRejected> rejections;
    @Inject
    JobLauncher launcher;

    @Inject
    EventPublisher events;

    @Inject
    Flows flows;

    /** The most messages taken in one transaction. */
    static final int MAX_BATCH = 200;
    /** How many transactions after a rollback take one message each. */
    static final int SINGLES_AFTER_ROLLBACK = 20;
    static final long RECEIVE_WAIT_MS = 200;

    /**
     * Jobs stored while their message's commit failed (the broker went away in between), by
     * message id: when the broker delivers such a message again, it is answered with its job, not
     * stored a second time. Bounded; the oldest go first.
     */
    static final int MAX_UNCOMMITTED = 10_000;

    private Submissions submissions;
    private MessageConsumer consumer;
    private volatile boolean running;
    private Thread receiver;
    private BrokerLink link;
    private String ownLogin;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private jakarta.jms.Queue rejectedQueue;
    private final java.util.Map<String, JobRecord> uncommitted = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, JobRecord> eldest) {
                    return size() > MAX_UNCOMMITTED;
                }
            });
    private final BrokerLink.Part part = new BrokerLink.Part() {
        @Override
        public void connect(ConnectionFactory factory, BrokerLink link) throws JMSException {
            SubmissionListener.this.connect(link);
        }

        @Override
        public void disconnect() {
            SubmissionListener.this.disconnect();
        }
    };

    @Inject
    Provider<BrokerLink> links;
    @Inject
    Provider<Submissions> rules;

    /** Consumes {@code muster.submit} through the running server's broker link, again after every loss of the broker. */
    public synchronized void start() throws JMSException {
        BrokerLink link = links.get();
        this.submissions = rules.get();
        this.link = link;
        this.ownLogin = link.ownLogin();
        link.attach(part);
    }

    private synchronized void connect(BrokerLink link) throws JMSException {
        connection = link.connection();
        session = connection.createSession(true, Session.SESSION_TRANSACTED);
        producer = session.createProducer(null);
        rejectedQueue = session.createQueue(Destinations.REJECTED_QUEUE);
        consumer = session.createConsumer(session.createQueue(Destinations.SUBMIT_QUEUE));
        connection.start();
        running = true;
        receiver = new Thread(this::receiveForever, "muster-submissions");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** Stops receiving and drops the connection; the broker may be gone. */
    private void disconnect() {
        Thread t;
        Connection c;
        synchronized (this) {
            running = false;
            t = receiver;
            receiver = null;
            c = connection;
            connection = null;
        }
        // closing the connection ends a receive() that waits
        Connections.closeQuietly(c, "submission");
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(RECEIVE_WAIT_MS * 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Takes what has gathered on the queue, up to {@link #MAX_BATCH} messages, as one transaction:
     * a lone message goes at once, a burst in batches with one durable store write for all of
     * them (a group commit). After a rollback, messages go one at a time for a while, so a
     * message that makes this code throw is redelivered (and dead-lettered) alone, not with the
     * good ones that came with it.
     */
    private void receiveForever() {
        int singles = 0;
        while (running) {
            List<Message> batch = new ArrayList<>();
            try {
                Message first = consumer.receive(RECEIVE_WAIT_MS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int max = singles > 0 ? 1 : MAX_BATCH;
                Message more;
                while (batch.size() < max && (more = consumer.receiveNoWait()) != null) {
                    batch.add(more);
                }
            } catch (JMSException e) {
                if (running) {
                    // the broker went away: the link reconnects, with a new receiving thread
                    lost(e);
                }
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "cannot receive submissions; trying again", e);
                    pause();
                }
                continue;
            }
            if (handle(batch)) {
                singles = Math.max(0, singles - 1);
            } else {
                singles = SINGLES_AFTER_ROLLBACK;
            }
        }
    }

    /** One transaction for a batch of messages; false if it was rolled back. */
    boolean handle(List<Message> batch) {
        List<JobRecord> toStore = new ArrayList<>();
        List<Message> toAnswer = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        List<String> answeredAgain = new ArrayList<>();
        List<JobRecord> accepted = List.of();
        List<JobRecord> fresh = List.of();
        boolean stored = false;
        try {
            for (Message message : batch) {
                JobRecord earlier = message.getJMSMessageID() == null ? null : uncommitted.get(message.getJMSMessageID());
                if (earlier != null) {
                    // stored (and dispatched) before the broker went away; only its commit was lost
                    reply(message, accepted(earlier));
                    answeredAgain.add(message.getJMSMessageID());
                    continue;
                }
                String body;
                try {
                    body = MessageBodies.text(message);
                } catch (MessageBodies.RefusedBody e) {
                    reject(message, new Submissions.Outcome(null, null, List.of(new Violation("body", "", e.getMessage()))));
                    continue;
                }
                if (FlowRequests.isFlowStart(body)) {
                    startFlow(message, body);
                    continue;
                }
                Submissions.Outcome outcome = submissions.read(body, SenderLogin.submitter(message, ownLogin));
                if (outcome.accepted()) {
                    toStore.add(outcome.job());
                    toAnswer.add(message);
                    messageIds.add(messageIdOrNull(message));
                } else {
                    reject(message, outcome);
                }
            }
            // on disk before the messages are committed: from here on a crash loses nothing
            accepted = toStore.isEmpty() ? List.of() : launcher.acceptAll(toStore, messageIds);
            stored = !accepted.isEmpty();
            fresh = storedNow(toStore, accepted);
            for (int i = 0; i < accepted.size(); i++) {
                Optional<Violation> taken = Submissions.keyTaken(toStore.get(i), accepted.get(i));
                if (taken.isPresent()) {
                    reject(toAnswer.get(i), new Submissions.Outcome(null, null, List.of(taken.get())));
                } else {
                    reply(toAnswer.get(i), accepted(accepted.get(i)));
                }
            }
            session.commit();
            answeredAgain.forEach(uncommitted::remove);
        } catch (JMSException | RuntimeException | StackOverflowError e) {
            // a StackOverflowError too: whatever a body does to the code that reads it, it is answered
            Message only = batch.size() == 1 ? batch.get(0) : null;
            int attempt = only == null ? 0 : deliveryCount(only);
            if (stored) {
                // in the store, so accepted: remember each by its message, which the broker will
                // deliver again, and dispatch it now
                for (int i = 0; i < accepted.size(); i++) {
                    String id = messageIdOrNull(toAnswer.get(i));
                    if (id != null) {
                        uncommitted.put(id, accepted.get(i));
                    }
                }
            }
            if (e instanceof JMSException broker && !(e instanceof jakarta.jms.InvalidDestinationException)) {
                // the broker went away (or refused the commit): one line, no trace; the link says the rest
                int kept = accepted.size();
                LOG.warning(() -> "submissions " + messageIds(batch) + " not committed (" + ExternalBroker.oneLine(broker)
                        + ")" + (kept == 0 ? "" : "; " + kept + " of them stored, dispatched now,"
                        + " and answered again when the broker delivers them again"));
                rollbackQuietly();
                launcher.start(fresh);
                lost(broker);
                return false;
            }
            if (only == null || attempt < MAX_DELIVERY_ATTEMPTS || stored) {
                LOG.log(Level.WARNING, "submissions " + messageIds(batch) + " failed" + (only == null ? ""
                        : " (attempt " + attempt + " of " + MAX_DELIVERY_ATTEMPTS + ")") + "; rolling back for redelivery"
                        + (only == null ? ", one at a time" : ""), e);
                rollback();
                launcher.start(fresh);
                return false;
            }
            // the last attempt: the broker moves the message to the DLQ on this rollback; answer it
            rollback();
            deadLettered(only, attempt, e);
            return false;
        }
        launcher.start(fresh);
        return true;
    }

    /**
     * The jobs this batch stored, without those an earlier message with the same request id (or
     * an earlier delivery of the same message) had stored: such a job is its owner's to hand over (another server's, maybe, doing so this very
     * moment), and a second hand-over from here would run it twice.
     */
    private static List<JobRecord> storedNow(List<JobRecord> submitted, List<JobRecord> accepted) {
        List<JobRecord> out = new ArrayList<>(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            if (accepted.get(i).id().equals(submitted.get(i).id())) {
                out.add(accepted.get(i));
            }
        }
        return out;
    }

    private static String messageIdOrNull(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return null;
        }
    }

    private void lost(JMSException e) {
        BrokerLink l = link;
        if (l != null) {
            l.lost(e);
        }
    }

    private void rollbackQuietly() {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "rollback without the broker", e);
        }
    }

    private static String messageIds(List<Message> batch) {
        return batch.size() == 1 ? messageId(batch.get(0)) : batch.size() + " messages from " + messageId(batch.get(0));
    }

    private void pause() {
        try {
            Thread.sleep(RECEIVE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * A body with "flow" instead of "command" starts a flow; the reply carries its execution id.
     * Nothing to check here: the broker lets only submitters and admins send to this queue. The
     * sender's login, if the broker stamped one, owns the flow.
     */
    private void startFlow(Message message, String body) throws JMSException {
        String login = SenderLogin.submitter(message, ownLogin);
        Sender sender = login == null ? Sender.UNRESTRICTED : Sender.of(login, UserRole.SUBMIT.withIncluded());
        ObjectNode answer = new FlowRequests(flows).handle(body, message.getJMSMessageID(), sender);
        if (FlowRequests.rejected(answer)) {
            producer.send(rejectedQueue, copy(message));
            LOG.info(() -> "rejected flow request " + messageId(message) + ": " + answer.path("problems"));
        }
        reply(message, answer);
    }

    private static JobRecord rejectedRecord(Submissions.Outcome outcome) {
        return new JobRecord(JobId.generate(), outcome.requestId(), null, null, null, null, null,
                JobState.REJECTED, null, null, summary(outcome.violations()), java.time.Instant.now(), null,
                java.time.Instant.now(), null);
    }

    private void reject(Message message, Submissions.Outcome outcome) throws JMSException {
        producer.send(rejectedQueue, copy(message));
        JobRecord rejected = rejectedRecord(outcome);
        reply(message, rejected(rejected, outcome.violations()));
        events.publish(rejected, outcome.violations());
        rejections.fire(new SubmissionRejected(outcome.violations()));
        LOG.info(() -> "rejected submission " + messageId(message) + ": " + summary(outcome.violations()));
    }

    /**
     * A submission that failed its last attempt (the broker has moved it to the DLQ, body
     * untouched): answered REJECTED, reply and event, with the reason and where the body is kept.
     */
    private void deadLettered(Message message, int attempts, Throwable failure) {
        String reason = "could not be handled in " + attempts + " attempts (" + failure.getClass().getSimpleName()
                + ": " + failure.getMessage() + "); the message is kept in " + DLQ
                + " (muster dlq show " + dlqId(message) + ")";
        LOG.log(Level.WARNING, "submission " + messageId(message) + " " + reason, failure);
        String requestId = null;
        try {
            requestId = Submissions.JSON.readTree(MessageBodies.text(message)).path("requestId").textValue();
        } catch (JMSException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            // no request id to answer with
        }
        Submissions.Outcome outcome = new Submissions.Outcome(null, requestId != null && requestId.length() <= 200
                ? requestId : null, List.of(new Violation("body", Submissions.abbreviate(safeBody(message)), reason)));
        try {
            JobRecord rejected = rejectedRecord(outcome);
            reply(message, rejected(rejected, outcome.violations()));
            events.publish(rejected, outcome.violations());
            session.commit();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot answer the dead-lettered submission " + messageId(message), e);
            rollback();
        }
    }

    private static String safeBody(Message message) {
        try {
            return MessageBodies.text(message);
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    /** How many times the broker has delivered this message, this time included (1 the first time). */
    static int deliveryCount(Message message) {
        try {
            return Math.max(1, message.getIntProperty("JMSXDeliveryCount"));
        } catch (JMSException | RuntimeException e) {
            return 1;
        }
    }

    /** The number {@code muster dlq} knows a dead-lettered message by: the broker's id of the original. */
    static String dlqId(Message message) {
        if (message instanceof org.apache.activemq.artemis.jms.client.ActiveMQMessage core) {
            return String.valueOf(core.getCoreMessage().getMessageID());
        }
        return "ID";
    }

    /** The violations in one line: escaped, so no text of a sender's can forge a line of the log. */
    private static String summary(List<Violation> violations) {
        return String.join("; ", violations.stream().map(v -> Violation.escape(v.message())).toList());
    }

    /** What {@code muster.rejected} keeps of a refused body at most (its start); a body over the limit is no use whole. */
    static final int KEPT_BYTES = 64 * 1024;

    /**
     * The copy kept on {@code muster.rejected}: the body whole if it is within the submission limit,
     * else its first {@link #KEPT_BYTES} (bytes or characters), with {@code musterOriginalSize}
     * saying how long it was, so refused giants cannot fill the broker's disk.
     */
    private Message copy(Message original) throws JMSException {
        Message copy;
        long size = -1;
        if (original instanceof BytesMessage bytes) {
            size = bytes.getBodyLength();
            BytesMessage out = session.createBytesMessage();
            out.writeBytes(MessageBodies.read(bytes, (int) (size <= MessageBodies.MAX_BYTES ? size : KEPT_BYTES)));
            copy = out;
        } else if (original instanceof TextMessage text) {
            String body = text.getText();
            size = body == null ? 0 : body.length();
            copy = session.createTextMessage(body == null || size <= Limits.BODY_CHARS ? body
                    : body.substring(0, KEPT_BYTES));
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
        if (size >= 0) {
            copy.setLongProperty("musterOriginalSize", size);
        }
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
        java.util.Optional<String> refused = link.replies().refused(replyTo, ReplyAddresses.Broker.of(session));
        if (refused.isPresent()) {
            // carried out as a submission without a reply address: its events tell the rest
            LOG.warning(() -> "not answering submission " + messageId(request) + ": " + refused.get());
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
        return Answers.status(ReplyStatus.ACCEPTED).put("jobId", job.id().value()).put("requestId", job.requestId())
                .put("state", job.state().name());
    }

    /** As every refused request is answered ({@link Answers}): code INVALID_SUBMISSION, a message, every violation. */
    static ObjectNode rejected(JobRecord job, List<Violation> violations) {
        return Answers.rejected(violations).put("jobId", job.id().value()).put("requestId", job.requestId());
    }

    /**
     * The message's id for the log: its JMS id, else (STOMP, AMQP and MQTT senders may give none)
     * the broker's own number for it, so a log line always names one message.
     */
    static String messageId(Message message) {
        try {
            String id = message.getJMSMessageID();
            if (id != null) {
                return id;
            }
            if (message instanceof org.apache.activemq.artemis.jms.client.ActiveMQMessage core) {
                return "broker message " + core.getCoreMessage().getMessageID();
            }
            return "without an id";
        } catch (JMSException | RuntimeException e) {
            return "without an id";
        }
    }

    private void rollback() {
        try {
            session.rollback();
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "rollback failed", e);
        }
    }

    /** Off the link (no reconnect after this) and off the broker; only called once started. */
    public void stop() {
        links.get().detach(part);
        disconnect();
    }
}
