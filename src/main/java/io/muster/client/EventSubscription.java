package io.muster.client;

import io.muster.api.Destinations;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer on the events topic, in a session of its own: JMS lets only the delivering thread
 * use a session with a listener, so sharing one would forbid creating consumers while events flow.
 */
final class EventSubscription implements Subscription {

    private static final Logger LOG = Logger.getLogger(EventSubscription.class.getName());

    private final Session session;
    private final Executor closer;
    private volatile boolean closed;

    /** @param durableName null for a plain subscription, else the name of a shared durable one */
    EventSubscription(Connection connection, String selector, String durableName, Consumer<JobEvent> listener,
                      Executor closer) throws JMSException {
        this(connection, selector, durableName, closer, body -> listener.accept(JobEvent.parse(body)));
    }

    /** @param bodies gets each event's JSON as it came (flow events are no job events) */
    EventSubscription(Connection connection, String selector, String durableName, Executor closer,
                      Consumer<String> bodies) throws JMSException {
        this.closer = closer;
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(Destinations.EVENTS_TOPIC);
        MessageConsumer consumer = durableName == null ? session.createConsumer(topic, selector)
                : session.createSharedDurableConsumer(topic, durableName, selector);
        consumer.setMessageListener(message -> deliver(message, bodies));
    }

    private void deliver(Message message, Consumer<String> bodies) {
        if (closed) {
            return;
        }
        try {
            bodies.accept(body(message));
        } catch (RuntimeException | JMSException e) {
            LOG.log(Level.WARNING, "an event listener failed; the event is dropped for it", e);
        }
    }

    static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            return new String(data, StandardCharsets.UTF_8);
        }
        throw new JMSException("not a text or bytes message: " + message.getClass().getSimpleName());
    }

    /** Closes on another thread: a listener may ask for the close, and JMS forbids closing a session from its own listener. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closer.execute(() -> {
            try {
                session.close();
            } catch (JMSException e) {
                LOG.log(Level.FINE, "closing an event subscription", e);
            }
        });
    }
}
