package io.muster.messaging;

import io.muster.config.BrokerUsers;
import io.muster.config.MusterConfig;
import jakarta.jms.ConnectionFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * The broker Muster starts in its own process by default. Tuning, addresses and redelivery
 * rules come from {@code server-config/broker.xml}; where the journal lives, what it listens
 * on and who may log in come from Muster's settings, so one file serves every data directory.
 *
 * <p>Without {@code broker.users} the broker lets anonymous clients in and so listens on
 * loopback only. With it, every client logs in as a listed user and may do what
 * {@link BrokerSecurity} allows, and the TCP acceptor may bind to any address.
 */
public final class EmbeddedBroker implements Broker {

    public static final String BROKER_XML = "server-config/broker.xml";
    static final String IN_VM_URL = "vm://0";
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());

    private final MusterConfig config;
    /** Null when the broker has no users (security off). */
    private final BrokerSecurity security;
    private ActiveMQServer server;
    private BrokerPools pools;

    /**
     * Reads and checks the users file at once, so a bad one stops the start before anything runs.
     *
     * @throws io.muster.config.ConfigException naming the users file and line of a bad entry
     */
    public EmbeddedBroker(MusterConfig config) {
        this.config = config;
        if (config.brokerUsers() == null) {
            this.security = null;
        } else {
            BrokerUsers users = BrokerUsers.read(config.brokerUsers());
            users.exposure().ifPresent(LOG::warning);
            this.security = new BrokerSecurity(users);
        }
    }

    private volatile java.util.function.Consumer<String> fatal;

    @Override
    public void onFatal(java.util.function.Consumer<String> listener) {
        this.fatal = listener;
    }

    /** The broker itself, for a test that makes it fail as a full disk would. */
    ActiveMQServer server() {
        return server;
    }

    @Override
    public void start() throws Exception {
        requireLoopback(config.brokerHost(), config.brokerPort(), security != null);
        FileConfiguration broker = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(BROKER_XML);
        deployment.addDeployable(broker);
        deployment.readConfiguration();
        var dir = config.brokerDir();
        broker.setBrokerInstance(dir.toFile());
        broker.setJournalDirectory(dir.resolve("journal").toString());
        broker.setBindingsDirectory(dir.resolve("bindings").toString());
        broker.setPagingDirectory(dir.resolve("paging").toString());
        broker.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
        broker.setNodeManagerLockDirectory(dir.toString());
        broker.clearAcceptorConfigurations();
        broker.addAcceptorConfiguration(BrokerPools.IN_VM_ACCEPTOR, IN_VM_URL);
        if (config.brokerPort() > 0) {
            broker.addAcceptorConfiguration("tcp", tcpUrl() + "?protocols=CORE,AMQP,STOMP,MQTT");
        }
        broker.registerBrokerPlugin(new PersistentSubmissions());
        broker.registerBrokerPlugin(new OversizedRequests());
        ActiveMQSecurityManager login = new ActiveMQJAASSecurityManager();
        if (security != null) {
            broker.setSecurityEnabled(true);
            broker.setSecurityRoles(BrokerSecurity.roles());
            login = security.securityManager();
        }
        BrokerPools.boundClientPools();
        pools = new BrokerPools();
        server = new ActiveMQServerImpl(broker, null, login, null, pools.registry());
        // Artemis stops itself after this (AMQ222010) and never starts again on its own
        server.registerIOCriticalErrorListener((cause, message, file) -> {
            java.util.function.Consumer<String> listener = fatal;
            if (listener != null) {
                fatal = null;
                listener.accept("the embedded broker stopped after a critical I/O error (" + message
                        + (file == null ? "" : " on " + file) + ": " + cause + ")");
            }
        });
        try {
            server.start();
        } catch (Exception | Error e) {
            try {
                stop();
            } catch (Exception again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * Anonymous access is only safe on loopback: without users the TCP acceptor binds nowhere
     * else. With users every client logs in, so any address will do.
     */
    static void requireLoopback(String host, int port, boolean secured) throws UnknownHostException {
        if (port > 0 && !secured && !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("setting broker.host=" + host + " is not a loopback address: without"
                    + " users the embedded broker lets anonymous clients in, so it binds to loopback only (127.0.0.1,"
                    + " ::1); set broker.users to bind elsewhere");
        }
    }

    /** Whether clients must log in ({@code broker.users} is set). */
    @Override
    public boolean secured() {
        return security != null;
    }

    /** The users clients log in as, with their roles; null when the broker has none (security off). */
    @Override
    public BrokerUsers users() {
        return security == null ? null : security.users();
    }

    public String tcpUrl() {
        return "tcp://" + config.brokerHost() + ":" + config.brokerPort();
    }

    /** What a client in another process uses, or the in-VM URL when there is no TCP acceptor. */
    @Override
    public String clientUrl() {
        return config.brokerPort() > 0 ? tcpUrl() : IN_VM_URL;
    }

    /**
     * A connection factory for Muster's own clients in this process. With users it logs in as
     * {@value BrokerUsers#INTERNAL_USER}, so {@code createConnection()} works either way.
     */
    @Override
    public ConnectionFactory connectionFactory() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(IN_VM_URL);
        if (security != null) {
            factory.setUser(BrokerUsers.INTERNAL_USER);
            factory.setPassword(security.internalPassword());
        }
        // events are re-derivable from the store: do not wait for the journal on each one
        factory.setBlockOnDurableSend(false);
        return factory;
    }

    /** Whether the broker runs and is active (not a backup waiting for its live server). */
    @Override
    public boolean active() {
        ActiveMQServer s = server;
        return s != null && s.isActive();
    }

    /** Messages waiting on a queue of this broker (muster.submit, DLQ, ...), or -1 when there is no such queue. */
    @Override
    public long messageCount(String queue) {
        ActiveMQServer s = server;
        var q = s == null ? null : s.locateQueue(org.apache.activemq.artemis.api.core.SimpleString.of(queue));
        return q == null ? -1 : q.getMessageCount();
    }

    @Override
    public String ownLogin() {
        return BrokerUsers.INTERNAL_USER;
    }

    @Override
    public String description() {
        return "the embedded broker at " + clientUrl();
    }

    @Override
    public void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
                server = null;
            }
        } finally {
            if (pools != null) {
                pools.shutdown();
                pools = null;
            }
        }
    }
}
