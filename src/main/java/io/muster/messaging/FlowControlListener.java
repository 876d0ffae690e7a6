package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Destinations;
import io.muster.batch.Flows;
import io.muster.config.BrokerUsers;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Request/reply for flows on the queue {@code muster.flows}: start, status, restart, stop (see
 * {@link FlowRequests}). The answer goes to {@code JMSReplyTo} with the request's correlation id
 * (or its message id). What {@code muster flow …} talks to.
 *
 * <p>Every broker role may send here; with users on the broker each request is carried out with
 * the rights of its sender's login ({@link SenderLogin}): status for all, the rest for submitters.
 */
@ApplicationScoped
public class FlowControlListener {

    private static final Logger LOG = Logger.getLogger(FlowControlListener.class.getName());

    @Inject
    Flows flows;

    /** Null when the broker has no users: nothing is checked. */
    private BrokerUsers users;
    private String ownLogin;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private final BrokerLink.Part part = new BrokerLink.Part() {
        @Override
        public void connect(ConnectionFactory factory, BrokerLink link) throws JMSException {
            FlowControlListener.this.connect(link);
        }

        @Override
        public void disconnect() {
            FlowControlListener.this.disconnect();
        }
    };

    @Inject
    Provider<BrokerLink> links;

    /** Answers flow requests through the running server's broker link (whose users' roles, if any, decide), again after every loss. */
    public synchronized void start() throws JMSException {
        BrokerLink link = links.get();
        this.users = link.users();
        this.ownLogin = link.ownLogin();
        link.attach(part);
    }

    private synchronized void connect(BrokerLink link) throws JMSException {
        connection = link.connection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(null);
        MessageConsumer consumer = session.createConsumer(session.createQueue(Destinations.FLOWS_QUEUE));
        consumer.setMessageListener(this::onMessage);
        connection.start();
    }

    void onMessage(Message message) {
        try {
            ObjectNode answer = new FlowRequests(flows).handle(SubmissionListener.body(message),
                    message.getJMSMessageID(), SenderLogin.sender(message, users, ownLogin));
            if (FlowRequests.rejected(answer)) {
                LOG.info(() -> "flow request refused: " + answer.path("problems"));
            }
            Destination replyTo = message.getJMSReplyTo();
            if (replyTo != null) {
                TextMessage reply = session.createTextMessage(answer.toString());
                reply.setJMSCorrelationID(message.getJMSCorrelationID() != null ? message.getJMSCorrelationID()
                        : message.getJMSMessageID());
                reply.setStringProperty("status", answer.path("status").asText());
                producer.send(replyTo, reply);
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot answer a flow request", e);
        }
    }

    private synchronized void disconnect() {
        Connections.closeQuietly(connection, "flow");
        connection = null;
    }

    /** Off the link (no reconnect after this) and off the broker; only called once started. */
    public void stop() {
        links.get().detach(part);
        disconnect();
    }
}
