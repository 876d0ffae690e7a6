package io.muster.messaging;

import io.muster.api.Destinations;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * A broker plugin that makes every message sent to {@code muster.submit} durable, whatever its
 * sender asked: a STOMP frame without {@code persistent:true}, an AMQP message without a durable
 * header, an MQTT publish at QoS 0. Artemis acknowledges a non-durable send and then loses it in
 * a crash; with this plugin the journal holds every submission the broker acknowledged until
 * Muster has stored its job. (Only the submit address: control requests and events stay as sent.)
 */
public final class PersistentSubmissions implements ActiveMQServerMessagePlugin {

    private static final SimpleString SUBMIT = SimpleString.of(Destinations.SUBMIT_QUEUE);

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                           boolean noAutoCreateQueue) {
        if (!message.isDurable() && SUBMIT.equals(message.getAddressSimpleString())) {
            message.setDurable(true);
        }
    }
}
