package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Destinations;
import io.muster.api.JobState;
import io.muster.batch.JobLauncher;
import io.muster.config.BrokerUsers;
import io.muster.config.MusterConfig;
import io.muster.job.JobRecord;
import io.muster.messaging.control.ControlRequests;
import io.muster.scheduler.Schedulers;
import io.muster.tracking.JobLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Request/reply on {@code muster.control}: each request's JSON goes to {@link ControlRequests},
 * the answer to its {@code JMSReplyTo} with the request's correlation id (or its message id).
 * A request without a reply address is still carried out (a fire-and-forget cancel).
 *
 * <p>With users on the broker, each request is carried out with the rights of its sender's login
 * ({@link SenderLogin}, {@link Rights}); without users, every request is, as before.
 */
@ApplicationScoped
public class ControlListener {

    private static final Logger LOG = Logger.getLogger(ControlListener.class.getName());

    @Inject
    JobLifecycle lifecycle;

    @Inject
    Schedulers schedulers;

    @Inject
    JobLauncher launcher;

    private ControlRequests requests;
    /** Null when the broker has no users: nothing is checked. */
    private BrokerUsers users;
    private String ownLogin;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private final BrokerLink.Part part = new BrokerLink.Part() {
        @Override
        public void connect(ConnectionFactory factory, BrokerLink link) throws JMSException {
            ControlListener.this.connect(link);
        }

        @Override
        public void disconnect() {
            ControlListener.this.disconnect();
        }
    };

    @Inject
    Provider<BrokerLink> links;
    @Inject
    Provider<Submissions> rules;
    @Inject
    Provider<MusterConfig> config;

    /**
     * Answers requests on {@code muster.control} through the running server's broker link, whose
     * users' roles (if any) decide what each request may do, again after every loss of the broker.
     */
    public synchronized void start() throws JMSException {
        BrokerLink link = links.get();
        this.users = link.users();
        this.ownLogin = link.ownLogin();
        requests = new ControlRequests(lifecycle, schedulers, rules.get(), config.get().workRoot(), launcher::start);
        link.attach(part);
    }

    private synchronized void connect(BrokerLink link) throws JMSException {
        connection = link.connection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(null);
        MessageConsumer consumer = session.createConsumer(session.createQueue(Destinations.CONTROL_QUEUE));
        consumer.setMessageListener(this::onMessage);
        connection.start();
    }

    private synchronized void disconnect() {
        Connections.closeQuietly(connection, "control");
        connection = null;
    }

    /** The control protocol this listener answers with; the web page asks it too (same code, same checks). */
    public synchronized ControlRequests requests() {
        return requests;
    }

    void onMessage(Message message) {
        ObjectNode answer;
        try {
            answer = requests.handle(SubmissionListener.body(message), SenderLogin.sender(message, users, ownLogin));
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "control request failed", e);
            answer = ControlRequests.failed(e);
        }
        try {
            Destination replyTo = message.getJMSReplyTo();
            if (replyTo == null) {
                return;
            }
            TextMessage reply = session.createTextMessage(answer.toString());
            reply.setJMSCorrelationID(message.getJMSCorrelationID() != null ? message.getJMSCorrelationID()
                    : message.getJMSMessageID());
            reply.setStringProperty("status", answer.path("status").asText());
            producer.send(replyTo, reply);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot answer a control request", e);
        }
    }

    /** Off the link (no reconnect after this) and off the broker; only called once started. */
    public void stop() {
        links.get().detach(part);
        disconnect();
    }
}
