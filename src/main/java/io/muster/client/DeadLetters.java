package io.muster.client;

import io.muster.api.Destinations;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The broker's dead-letter queue {@code DLQ}, for admins: messages that failed every delivery
 * attempt (a submission Muster could not handle five times, a control request, …), browsed
 * without taking them, sent back to where they came from, or deleted. A message is known by the
 * broker's number for the original ({@code _AMQ_ORIG_MESSAGE_ID}), which every dead letter has
 * whatever protocol sent it; the REJECTED answer of a dead-lettered submission names it.
 *
 * <p>On a broker with users only {@code admin} may browse and take from the DLQ; the broker's
 * refusal comes as a {@link MusterLoginException} with its reason.
 */
public final class DeadLetters {

    private static final String ORIGINAL_ID = "_AMQ_ORIG_MESSAGE_ID";
    private static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    private static final Pattern NUMBER = Pattern.compile("\\d{1,19}");

    /**
     * One dead letter.
     *
     * @param id              the broker's number of the original message
     * @param originalAddress where it was sent ({@code muster.submit}, …)
     * @param messageId       its JMS message id, or null when its sender gave none
     * @param sent            when it was first sent, or null
     * @param deliveries      how often it was delivered before it was given up
     * @param properties      its other properties (the broker's own, {@code _AMQ_…}, left out)
     * @param body            its body as text (bytes read as UTF-8), or null for a message without one
     */
    public record Letter(String id, String originalAddress, String messageId, Instant sent, int deliveries,
                         Map<String, Object> properties, String body) {
    }

    private final Connection connection;
    private final String url;
    private final String user;

    DeadLetters(Connection connection, String url, String user) {
        this.connection = connection;
        this.url = url;
        this.user = user;
    }

    /** Every dead letter, oldest first, left where it is. */
    public List<Letter> list() {
        return browse(null);
    }

    /** One dead letter by its number. */
    public Optional<Letter> show(String id) {
        return browse(selector(List.of(id))).stream().findFirst();
    }

    /**
     * Sends dead letters back to their original address as new messages (body, properties,
     * correlation id and reply address kept), taking them off the DLQ in the same transaction.
     *
     * @param ids their numbers; empty for every dead letter
     * @return the letters sent back
     */
    public List<Letter> retry(Collection<String> ids) {
        return take(ids, true);
    }

    /** Deletes dead letters (empty: all of them); returns those deleted. */
    public List<Letter> purge(Collection<String> ids) {
        return take(ids, false);
    }

    private List<Letter> browse(String selector) {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(Destinations.DEAD_LETTER_QUEUE), selector)) {
            List<Letter> out = new ArrayList<>();
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                out.add(letter((Message) e.nextElement()));
            }
            return out;
        } catch (JMSException e) {
            throw failure("cannot browse " + Destinations.DEAD_LETTER_QUEUE, e);
        }
    }

    private List<Letter> take(Collection<String> ids, boolean resend) {
        String selector = ids.isEmpty() ? null : selector(ids);
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(Destinations.DEAD_LETTER_QUEUE), selector)) {
            List<Letter> done = new ArrayList<>();
            var producer = session.createProducer(null);
            Message m;
            while ((m = consumer.receive(done.isEmpty() ? 2000 : 300)) != null) {
                Letter letter = letter(m);
                if (resend) {
                    if (letter.originalAddress() == null) {
                        session.rollback();
                        throw new MusterException("dead letter " + letter.id() + " has no original address to go"
                                + " back to; nothing was sent");
                    }
                    producer.send(session.createQueue(letter.originalAddress()), copy(session, m));
                }
                done.add(letter);
            }
            session.commit();
            return done;
        } catch (JMSException e) {
            throw failure("cannot take from " + Destinations.DEAD_LETTER_QUEUE, e);
        }
    }

    private static String selector(Collection<String> ids) {
        List<String> terms = new ArrayList<>();
        for (String id : ids) {
            if (!NUMBER.matcher(id).matches()) {
                throw new IllegalArgumentException("'" + id + "' is no dead-letter number (muster dlq list shows"
                        + " them)");
            }
            terms.add(ORIGINAL_ID + " = " + id);
        }
        return String.join(" OR ", terms);
    }

    private static Letter letter(Message m) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Enumeration<?> names = m.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (!name.startsWith("_AMQ") && !name.startsWith("JMSX")) {
                properties.put(name, m.getObjectProperty(name));
            }
        }
        Object original = m.getObjectProperty(ORIGINAL_ID);
        int deliveries = m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 0;
        return new Letter(original == null ? "?" : original.toString(), m.getStringProperty(ORIGINAL_ADDRESS),
                m.getJMSMessageID(), m.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(m.getJMSTimestamp()) : null,
                deliveries, Collections.unmodifiableMap(properties), body(m));
    }

    private static String body(Message m) throws JMSException {
        if (m instanceof TextMessage text) {
            return text.getText();
        }
        if (m instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            bytes.reset();
            return new String(data, StandardCharsets.UTF_8);
        }
        return null;
    }

    private static Message copy(Session session, Message original) throws JMSException {
        Message copy;
        if (original instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else if (original instanceof BytesMessage bytes) {
            BytesMessage out = session.createBytesMessage();
            bytes.reset();
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            out.writeBytes(data);
            copy = out;
        } else {
            copy = session.createMessage();
        }
        for (Enumeration<?> names = original.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (!name.startsWith("_AMQ") && !name.startsWith("JMSX") && !name.startsWith("_")) {
                try {
                    copy.setObjectProperty(name, original.getObjectProperty(name));
                } catch (JMSException | RuntimeException notAJmsName) {
                    // a protocol header that is no JMS property name (STOMP's content-length) stays behind
                }
            }
        }
        copy.setJMSCorrelationID(original.getJMSCorrelationID() != null ? original.getJMSCorrelationID()
                : original.getJMSMessageID());
        copy.setJMSReplyTo(original.getJMSReplyTo());
        return copy;
    }

    private MusterException failure(String what, JMSException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        if (e instanceof jakarta.jms.JMSSecurityException) {
            return new MusterLoginException(url, user, what + ": the broker at " + url + " refused user '" + user
                    + "': " + reason, e);
        }
        return new MusterUnavailableException(url, what + " at " + url + ": " + reason, e);
    }
}
