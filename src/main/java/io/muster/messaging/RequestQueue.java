package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.messaging.control.ControlRequests;
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
 * One request/reply queue on the broker link ({@code muster.control}, {@code muster.flows}): a
 * consumer on the queue, made again after every loss of the broker, that answers each request on
 * its {@code JMSReplyTo} with the request's correlation id (or its message id) and the answer's
 * status as the {@code status} property.
 *
 * <p>A request the handler fails on is answered {@code SERVER_ERROR}, so no client waits for an
 * answer that never comes. A request without a reply address is still carried out (a
 * fire-and-forget cancel).
 */
final class RequestQueue {

    /** The answer to one request; who sent it is the handler's to check ({@link SenderLogin}). */
    @FunctionalInterface
    interface Handler {
        ObjectNode answer(Message request) throws JMSException;
    }

    private static final Logger LOG = Logger.getLogger(RequestQueue.class.getName());

    private final String queue;
    private final Handler handler;
    private BrokerLink link;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private final BrokerLink.Part part = new BrokerLink.Part() {
        @Override
        public void connect(ConnectionFactory factory, BrokerLink link) throws JMSException {
            RequestQueue.this.connect(link);
        }

        @Override
        public void disconnect() {
            RequestQueue.this.disconnect();
        }
    };

    RequestQueue(String queue, Handler handler) {
        this.queue = queue;
        this.handler = handler;
    }

    /** Starts answering through {@code link}, and again after every loss of the broker. */
    synchronized void start(BrokerLink link) throws JMSException {
        this.link = link;
        link.attach(part);
    }

    private synchronized ReplyAddresses replies() {
        return link.replies();
    }

    /** Off the link (no reconnect after this) and off the broker; only called once started. */
    void stop() {
        BrokerLink started;
        synchronized (this) {
            started = link;
        }
        started.detach(part);
        disconnect();
    }

    private synchronized void connect(BrokerLink link) throws JMSException {
        connection = link.connection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(null);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        consumer.setMessageListener(this::onMessage);
        connection.start();
    }

    private synchronized void disconnect() {
        Connections.closeQuietly(connection, queue);
        connection = null;
    }

    void onMessage(Message message) {
        ObjectNode answer;
        try {
            answer = handler.answer(message);
        } catch (MessageBodies.RefusedBody e) {
            answer = Answers.error(ErrorCode.BAD_REQUEST, e.getMessage());
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "a request on " + queue + " failed", e);
            answer = ControlRequests.failed(e);
        }
        try {
            Destination replyTo = message.getJMSReplyTo();
            if (replyTo == null) {
                return;
            }
            java.util.Optional<String> refused = replies().refused(replyTo, ReplyAddresses.Broker.of(session));
            if (refused.isPresent()) {
                LOG.warning(() -> "not answering a request on " + queue + ": " + refused.get());
                return;
            }
            TextMessage reply = session.createTextMessage(answer.toString());
            reply.setJMSCorrelationID(message.getJMSCorrelationID() != null ? message.getJMSCorrelationID()
                    : message.getJMSMessageID());
            reply.setStringProperty("status", answer.path("status").asText());
            producer.send(replyTo, reply);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot answer a request on " + queue, e);
        }
    }
}
