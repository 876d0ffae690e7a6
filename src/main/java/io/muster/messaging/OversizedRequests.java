package io.muster.messaging;

import java.util.Set;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.LargeServerMessage;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * A broker plugin that refuses, at the send, a message to one of the addresses Muster reads
 * requests from ({@code muster.submit}, {@code muster.control}, {@code muster.flows}) that is far
 * larger than any request Muster takes. Artemis's client library reads a message's whole body
 * before Muster can look at its length, so a body larger than the server's heap would end the
 * thread that reads submissions, and come back to it at every delivery. A body under this
 * limit but over a request's limit (1,000,000 characters) still reaches Muster, which refuses it
 * with a reason; one over it never enters the queue, and its sender's send fails, naming both sizes.
 *
 * <p>The embedded broker registers it. A broker of one's own loads it from its {@code lib}
 * directory ({@code server-config/artemis/instance.sh} compiles this file alone against the
 * broker's jars and declares it in {@code broker.xml}): so the file uses nothing of Muster's but
 * literal copies of the limit and the addresses, which {@code OversizedRequestsTest} keeps equal
 * to Muster's own.
 */
public final class OversizedRequests implements ActiveMQServerPlugin {

    /**
     * The largest message accepted: twice the largest body of a request in UTF-8 ({@link
     * MessageBodies#MAX_BYTES}), which holds a request's characters in any encoding a client
     * sends (UTF-16 text of the core protocol, UTF-8 of the others) and its headers.
     */
    static final long MAX_MESSAGE_BYTES = 8_000_000L;

    /** Muster's request queues: {@code Destinations.SUBMIT_QUEUE}, {@code CONTROL_QUEUE}, {@code FLOWS_QUEUE}. */
    static final Set<String> REQUEST_ADDRESSES = Set.of("muster.submit", "muster.control", "muster.flows");

    private static final Set<SimpleString> REQUESTS = REQUEST_ADDRESSES.stream().map(SimpleString::of)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                           boolean noAutoCreateQueue) throws ActiveMQException {
        if (!REQUESTS.contains(message.getAddressSimpleString())) {
            return;
        }
        long size = size(message);
        if (size <= MAX_MESSAGE_BYTES) {
            return;
        }
        if (message instanceof LargeServerMessage large) {
            // its body is in a file of its own already; a refused send would leave it behind
            try {
                large.deleteFile();
            } catch (Exception e) {
                // the broker's own clean-up at its next start removes files no message refers to
            }
        }
        throw new ActiveMQException(ActiveMQExceptionType.ILLEGAL_STATE, "muster: a message to "
                + message.getAddress() + " of " + size + " bytes is refused: a request takes at most "
                + MAX_MESSAGE_BYTES + " bytes (its body at most 1,000,000 characters)");
    }

    private static long size(Message message) {
        try {
            return message.getPersistentSize();
        } catch (ActiveMQException | RuntimeException e) {
            return message.getWholeMessageSize();
        }
    }
}
