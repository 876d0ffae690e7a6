package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.config.BrokerUsers;
import io.muster.config.UserRole;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.ICoreMessage;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.client.impl.ClientMessageImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPStandardMessage;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.junit.jupiter.api.Test;

/** Whose request a message is: the login the broker stamped, never one an AMQP client wrote itself. */
class SenderLoginTest {

    private static final BrokerUsers USERS = new BrokerUsers(Path.of("users"), Map.of("alice", "a", "root", "r"),
            Map.of("alice", Set.of(UserRole.SUBMIT), "root", Set.of(UserRole.ADMIN)));

    /** A message as a JMS consumer here gets it, carrying the core properties given. */
    private static Message received(ICoreMessage core) {
        ClientMessageImpl client = new ClientMessageImpl();
        for (SimpleString name : core.getPropertyNames()) {
            client.putObjectProperty(name, core.getObjectProperty(name));
        }
        return ActiveMQMessage.createMessage(client, null);
    }

    /** What the broker does to a core, JMS, STOMP or MQTT message of a logged-in sender. */
    private static Message stampedBy(String login) {
        ClientMessageImpl core = new ClientMessageImpl();
        core.setValidatedUserID(login);
        return received(core);
    }

    /** An AMQP 1.0 message whose sender filled in the user-id field, as Artemis hands it to a JMS consumer. */
    private static Message overAmqpClaiming(String userId) throws Exception {
        org.apache.qpid.proton.message.Message amqp = org.apache.qpid.proton.message.Message.Factory.create();
        amqp.setUserId(userId.getBytes(StandardCharsets.UTF_8));
        amqp.setBody(new AmqpValue("{\"action\": \"cancel\", \"jobIds\": [\"x\"]}"));
        byte[] buffer = new byte[4096];
        int length = amqp.encode(buffer, 0, buffer.length);
        return received(new AMQPStandardMessage(0, Arrays.copyOf(buffer, length), null).toCore());
    }

    @Test
    void givenAStampedLoginWhenReadThenItIsTheSubmitterAndCarriesItsRoles() throws JMSException {
        Message message = stampedBy("alice");

        assertThat(SenderLogin.submitter(message)).isEqualTo("alice");
        assertThat(SenderLogin.sender(message, USERS)).isEqualTo(Sender.of("alice",
                Set.of(UserRole.SUBMIT, UserRole.OBSERVE)));
    }

    @Test
    void givenMustersOwnLoginWhenReadThenNoSubmitterAndNothingIsChecked() throws JMSException {
        Message message = stampedBy(BrokerUsers.INTERNAL_USER);

        assertThat(SenderLogin.submitter(message)).isNull();
        assertThat(SenderLogin.sender(message, USERS)).isEqualTo(Sender.UNRESTRICTED);
    }

    @Test
    void givenNoUsersWhenReadThenNothingIsCheckedWhateverTheMessageSays() throws JMSException {
        assertThat(SenderLogin.sender(stampedBy("alice"), null)).isEqualTo(Sender.UNRESTRICTED);
    }

    @Test
    void givenAnAmqpMessageClaimingAUserIdWhenReadThenItCountsAsNoLogin() throws Exception {
        Message message = overAmqpClaiming("root");

        // what Artemis does: the client's user-id becomes JMSXUserID, marked as AMQP
        assertThat(message.getStringProperty("JMSXUserID")).isEqualTo("root");
        assertThat(message.propertyExists(SenderLogin.AMQP_MARKER)).isTrue();

        assertThat(SenderLogin.submitter(message)).isNull();
        assertThat(SenderLogin.sender(message, USERS)).isEqualTo(Sender.withoutLogin());
    }
}
