package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.core.client.impl.ClientMessageImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQTextMessage;
import org.junit.jupiter.api.Test;

/** Log lines about a submission name the message, also when its sender (STOMP, AMQP, MQTT) gave it no JMS id. */
class SubmissionLogIdTest {

    private static ActiveMQTextMessage received(long brokerId, boolean withJmsId) {
        ClientMessage core = new ClientMessageImpl(Message.TEXT_TYPE, true, 0, System.currentTimeMillis(), (byte) 4,
                1024);
        core.setMessageID(brokerId);
        if (withJmsId) {
            core.setUserID(org.apache.activemq.artemis.utils.UUIDGenerator.getInstance().generateUUID());
        }
        return new ActiveMQTextMessage(core, null);
    }

    @Test
    void aMessageWithoutAJmsIdIsLoggedByTheBrokersNumberNotAsNull() {
        String id = SubmissionListener.messageId(received(4711, false));

        assertThat(id).isEqualTo("broker message 4711").doesNotContain("null");
    }

    @Test
    void aMessageWithAJmsIdIsLoggedByIt() throws Exception {
        ActiveMQTextMessage message = received(4712, true);

        assertThat(SubmissionListener.messageId(message)).isEqualTo(message.getJMSMessageID()).startsWith("ID:");
    }
}
