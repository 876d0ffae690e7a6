package io.muster.messaging;

import io.muster.config.BrokerUsers;
import io.muster.config.MusterConfig;
import jakarta.jms.ConnectionFactory;

/**
 * The broker Muster's listeners and publisher talk to: the one it embeds by default
 * ({@link EmbeddedBroker}), or an Artemis broker it is a client of ({@link ExternalBroker},
 * {@code broker.url}).
 */
public interface Broker {

    /** The broker {@code config} asks for; its users file (if any) is read and checked at once. */
    static Broker of(MusterConfig config) {
        return config.brokerExternal() ? new ExternalBroker(config) : new EmbeddedBroker(config);
    }

    /**
     * Starts the embedded broker, or connects to the external one and checks its addresses.
     *
     * @throws io.muster.config.ConfigException in one line naming the setting, the broker and what is
     *                                          missing or refused
     */
    void start() throws Exception;

    void stop() throws Exception;

    /** A connection factory for Muster's own connections, logged in as Muster. */
    ConnectionFactory connectionFactory();

    /** What a client in another process uses. */
    String clientUrl();

    /** The broker in words, for log lines and health: "the embedded broker at tcp://…". */
    String description();

    /** Whether clients must log in. */
    boolean secured();

    /** The users whose roles decide what each control request may do; null when there are none. */
    BrokerUsers users();

    /** Whether the broker answers now. */
    boolean active();

    /** Why Muster's connections are down, while they are; null otherwise. */
    default String downReason() {
        return null;
    }

    /** Messages waiting on a queue (muster.submit, DLQ, ...), or -1 when unknown. */
    long messageCount(String queue);

    /**
     * The login of Muster's own connections, whose messages speak for the user their body names
     * (the bench, {@code muster run} in-process); null for none.
     */
    String ownLogin();

    /**
     * Calls {@code listener} once, with the reason, if the broker stops itself for good (the
     * embedded one shuts down after a critical I/O error such as a full disk, and does not come
     * back when space returns). Set before {@link #start()}.
     */
    default void onFatal(java.util.function.Consumer<String> listener) {
    }

    /** Muster's connections were lost ({@code up} false, with the reason) or made again. */
    default void connected(boolean up, String reason) {
    }
}
