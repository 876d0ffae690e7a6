package io.muster.messaging;

import io.muster.api.Destinations;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import java.util.Set;

/**
 * Where Muster will not send an answer, whatever {@code JMSReplyTo} says: its own addresses, and,
 * with {@code broker.reply_prefix}, any named address outside that prefix. Muster sends as a user
 * that may publish everywhere, so a reply address of {@code muster.events} would let any sender
 * publish there (which no role may), one of a request queue would feed the answer back in as a
 * request of Muster's own, and on a broker shared with other programs one of theirs would put
 * Muster's answer on a queue the sender may not write to.
 */
final class ReplyAddresses {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ReplyAddresses.class.getName());

    /** Muster's addresses, and the broker's that only administrators read. */
    static final Set<String> OWN = Set.of(Destinations.SUBMIT_QUEUE, Destinations.CONTROL_QUEUE,
            Destinations.FLOWS_QUEUE, Destinations.EVENTS_TOPIC, Destinations.REJECTED_QUEUE,
            Destinations.DEAD_LETTER_QUEUE, "ExpiryQueue");

    private final String prefix;

    /** @param prefix the start every named reply address must have, or null for any but Muster's own */
    ReplyAddresses(String prefix) {
        this.prefix = prefix;
    }

    /** Asks the broker whether an address is one of its temporary ones, not just named like one. */
    @FunctionalInterface
    interface Broker {
        boolean holdsTemporary(String address, boolean topic);

        /** Through the core session under an Artemis JMS session; any other session vouches for nothing. */
        static Broker of(jakarta.jms.Session session) {
            if (!(session instanceof ActiveMQSession jms)) {
                return (address, topic) -> false;
            }
            return (address, topic) -> {
                try {
                    ClientSession core = jms.getCoreSession();
                    if (!topic) {
                        ClientSession.QueueQuery q = core.queueQuery(SimpleString.of(address));
                        return q.isExists() && q.isTemporary();
                    }
                    // a temporary topic is an address whose subscriptions are all temporary queues
                    ClientSession.AddressQuery a = core.addressQuery(SimpleString.of(address));
                    if (!a.isExists() || a.getQueueNames().isEmpty()) {
                        return false;
                    }
                    for (SimpleString queue : a.getQueueNames()) {
                        if (!core.queueQuery(queue).isTemporary()) {
                            return false;
                        }
                    }
                    return true;
                } catch (ActiveMQException e) {
                    // not confirmed, so not answered: a failed query must never undo the request it answers
                    LOG.warning(() -> "cannot ask the broker whether " + address + " is temporary: " + e.getMessage());
                    return false;
                }
            };
        }
    }

    /** Temporary addresses the broker confirmed, so that a client's many replies cost one query. */
    private final java.util.Set<String> confirmedTemporary = java.util.Collections.newSetFromMap(
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > 1_000;
                }
            }));

    /**
     * Why an answer may not go to {@code replyTo}, or empty when it may.
     *
     * @param broker asked, with {@code broker.reply_prefix} set, whether a destination outside the
     *               prefix that says it is temporary really is one
     */
    Optional<String> refused(Destination replyTo, Broker broker) throws JMSException {
        if (replyTo == null) {
            return Optional.empty();
        }
        // A temporary destination is not trusted by its type alone: a STOMP or AMQP sender writes
        // "temp-queue://muster.events" and the JMS layer hands that over as a TemporaryQueue, so
        // Muster's own and wildcard names are refused whatever the type says.
        boolean temporary = replyTo instanceof TemporaryQueue || replyTo instanceof TemporaryTopic;
        String name = replyTo instanceof Queue q ? q.getQueueName() : replyTo instanceof Topic t ? t.getTopicName()
                : null;
        if (name == null) {
            return Optional.empty();
        }
        // a fully qualified queue name (ADDRESS::QUEUE) is sent to ADDRESS
        int fq = name.indexOf("::");
        String address = fq < 0 ? name : name.substring(0, fq);
        if (OWN.contains(address)) {
            return Optional.of("the reply address " + name + " is Muster's own; answers go to a queue of the sender's");
        }
        // with the broker's wildcard routing, muster.# reaches every address above
        if (address.indexOf('#') >= 0 || address.indexOf('*') >= 0) {
            return Optional.of("the reply address " + name + " has a wildcard; answers go to one queue of the"
                    + " sender's");
        }
        if (prefix == null || address.startsWith(prefix)) {
            return Optional.empty();
        }
        // the type says nothing either: temp-queue://otherapp.inbox is another program's queue
        if (temporary && (confirmedTemporary.contains(address) || broker.holdsTemporary(address, replyTo instanceof Topic))) {
            confirmedTemporary.add(address);
            return Optional.empty();
        }
        return Optional.of("the reply address " + name + " does not start with " + prefix + " (broker.reply_prefix)"
                + (temporary ? " and is no temporary queue of the broker's" : "")
                + "; answers go to a temporary queue or one whose name starts with it");
    }
}
