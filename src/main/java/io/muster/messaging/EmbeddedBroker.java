package io.muster.messaging;

import io.muster.config.MusterConfig;
import jakarta.jms.ConnectionFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker Muster starts in its own process by default. Tuning, addresses and redelivery
 * rules come from {@code server-config/broker.xml}; where the journal lives and what it listens
 * on come from Muster's settings, so one file serves every data directory.
 */
public final class EmbeddedBroker {

    public static final String BROKER_XML = "server-config/broker.xml";
    static final String IN_VM_URL = "vm://0";

    private final MusterConfig config;
    private EmbeddedActiveMQ server;

    public EmbeddedBroker(MusterConfig config) {
        this.config = config;
    }

    public void start() throws Exception {
        requireLoopback(config.brokerHost(), config.brokerPort());
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
        broker.addAcceptorConfiguration("in-vm", "vm://0");
        if (config.brokerPort() > 0) {
            broker.addAcceptorConfiguration("tcp", tcpUrl() + "?protocols=CORE,AMQP,STOMP,MQTT");
        }
        server = new EmbeddedActiveMQ();
        server.setConfiguration(broker);
        server.start();
    }

    /**
     * Anonymous access is only safe on loopback; users and roles for any other address come
     * with the standalone-broker setup, not with the embedded default.
     */
    static void requireLoopback(String host, int port) throws UnknownHostException {
        if (port > 0 && !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("setting broker.host=" + host + " is not a loopback address: the embedded"
                    + " broker allows anonymous clients and so binds to loopback only (127.0.0.1, ::1)");
        }
    }

    public String tcpUrl() {
        return "tcp://" + config.brokerHost() + ":" + config.brokerPort();
    }

    /** What a client in another process uses, or the in-VM URL when there is no TCP acceptor. */
    public String clientUrl() {
        return config.brokerPort() > 0 ? tcpUrl() : IN_VM_URL;
    }

    /** A connection factory for Muster's own clients in this process. */
    public ConnectionFactory inVmConnectionFactory() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(IN_VM_URL);
        // events are re-derivable from the store: do not wait for the journal on each one
        factory.setBlockOnDurableSend(false);
        return factory;
    }

    public void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
