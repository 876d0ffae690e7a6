package io.muster.messaging;

import io.muster.config.BrokerUsers;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * Reads the sender's broker login off a request message. Artemis stamps it ({@code JMSXUserID})
 * on core, JMS, STOMP and MQTT messages when security is on ({@code broker.users}) and
 * {@code populate-validated-user} is set, overwriting whatever the client put there.
 *
 * <p>It cannot stamp AMQP 1.0 messages, and worse: when one is read as JMS, Artemis's converter
 * turns the AMQP {@code user-id} field, which the client fills in freely, into
 * {@code JMSXUserID}. Such a value is no login: a message that came in over AMQP (the converter
 * marks each with {@value #AMQP_MARKER}) counts as carrying none.
 */
final class SenderLogin {

    /** The property Artemis's AMQP converter sets on every AMQP 1.0 message it hands to a JMS consumer. */
    static final String AMQP_MARKER = "JMS_AMQP_ORIGINAL_ENCODING";

    private SenderLogin() {
    }

    /** The login the broker vouches for, Muster's own included; null when there is none. */
    static String stamped(Message message) throws JMSException {
        if (message.propertyExists(AMQP_MARKER)) {
            return null;
        }
        String login = message.getStringProperty("JMSXUserID");
        return login == null || login.isBlank() ? null : login;
    }

    /**
     * The user a submission runs as when its body names none: the login, except Muster's own
     * in-process clients' ({@link BrokerUsers#INTERNAL_USER}: bench, tests), which speak for the
     * user their body names, so that login counts as none.
     */
    static String submitter(Message message) throws JMSException {
        return submitter(message, BrokerUsers.INTERNAL_USER);
    }

    /** As {@link #submitter(Message)}, with {@code ownLogin} the login of Muster's own connections. */
    static String submitter(Message message, String ownLogin) throws JMSException {
        String login = stamped(message);
        return login != null && login.equals(ownLogin) ? null : login;
    }

    /**
     * What the sender of a request may do.
     *
     * @param users the users the broker was started with; null when it has none (security off),
     *              and then every request is carried out as before roles existed
     */
    static Sender sender(Message message, BrokerUsers users) throws JMSException {
        return sender(message, users, BrokerUsers.INTERNAL_USER);
    }

    /** As {@link #sender(Message, BrokerUsers)}, with {@code ownLogin} the login of Muster's own connections. */
    static Sender sender(Message message, BrokerUsers users, String ownLogin) throws JMSException {
        if (users == null) {
            return Sender.UNRESTRICTED;
        }
        String login = stamped(message);
        if (login == null) {
            return Sender.withoutLogin();
        }
        if (login.equals(ownLogin)) {
            return Sender.UNRESTRICTED;
        }
        return Sender.of(login, users.roles(login));
    }
}
