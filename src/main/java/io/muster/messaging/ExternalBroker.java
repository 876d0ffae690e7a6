package io.muster.messaging;

import io.muster.config.BrokerUsers;
import io.muster.config.ConfigException;
import io.muster.config.ExternalBrokerSettings;
import io.muster.config.MusterConfig;
import jakarta.jms.ConnectionFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An Artemis broker Muster is a client of ({@code broker.url}): a standalone broker, an HA pair or
 * a cluster that someone else runs. At start Muster logs in, and checks (or creates, where the
 * broker lets it) the addresses and settings it needs ({@link BrokerRequirements}); a broker that
 * does not answer, refuses the login or lacks one of them stops the start with one line.
 *
 * <p>{@code broker.users}, when set, still gives the roles of the logins this broker stamps on
 * messages (what each may do through {@code muster.control}) and the web page's logins; the
 * passwords of JMS clients are the broker's own business.
 */
public final class ExternalBroker implements Broker {

    private static final Logger LOG = Logger.getLogger(ExternalBroker.class.getName());

    private final ExternalBrokerSettings settings;
    private final BrokerUsers users;
    /** A core session of Muster's own for queries (queue depths), open while started. */
    private ServerLocator locator;
    private ClientSessionFactory sessions;
    private ClientSession session;
    private volatile boolean up = true;
    private volatile String downReason;
    private long queryRetryAt;

    /** @throws ConfigException naming the users file and line of a bad entry */
    public ExternalBroker(MusterConfig config) {
        this.settings = config.externalBroker();
        this.users = config.brokerUsers() == null ? null : BrokerUsers.read(config.brokerUsers());
    }

    @Override
    public void start() throws Exception {
        ClientSession s = connect();
        try {
            new BrokerRequirements(s, settings).check();
        } catch (ConfigException e) {
            stop();
            throw e;
        }
        LOG.info(() -> "using the broker at " + settings.shown() + ": its addresses and settings are as Muster needs");
    }

    /**
     * Logs in with a core session.
     *
     * @throws ConfigException when no broker answers or the login is refused, in one line
     */
    private synchronized ClientSession connect() throws Exception {
        locator = ActiveMQClient.createServerLocator(settings.url());
        locator.setReconnectAttempts(0);
        locator.setInitialConnectAttempts(1);
        try {
            sessions = locator.createSessionFactory();
        } catch (Exception e) {
            stop();
            throw new ConfigException("setting broker.url: no broker answers at " + settings.url() + " ("
                    + oneLine(e) + ")");
        }
        try {
            session = sessions.createSession(settings.user(), settings.password(), false, true, true, false, 0);
            session.start();
        } catch (ActiveMQSecurityException e) {
            stop();
            throw new ConfigException("setting " + (settings.user() == null ? "broker.url" : "broker.user")
                    + ": the broker at " + settings.url() + " refused " + (settings.user() == null
                    ? "Muster without a login (set broker.user and broker.password)" : "the login '" + settings.user()
                    + "'") + " (" + oneLine(e) + ")");
        } catch (ActiveMQException e) {
            stop();
            throw new ConfigException("setting broker.url: the broker at " + settings.url()
                    + " did not open a session (" + oneLine(e) + ")");
        }
        return session;
    }

    private static final java.util.regex.Pattern WRAPPED = java.util.regex.Pattern.compile(
            "\\w+\\[errorType=\\w+ message=(.*)]", java.util.regex.Pattern.DOTALL);

    /** An exception's message in one line, with the innermost cause's when that says more. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        // Artemis wraps the reason; the innermost message says what happened
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = e.getMessage() != null ? e.getMessage() : t.toString();
        // ActiveMQNotConnectedException[errorType=NOT_CONNECTED message=AMQ219006: Channel disconnected]
        java.util.regex.Matcher wrapped = WRAPPED.matcher(message);
        if (wrapped.matches()) {
            message = wrapped.group(1);
        }
        if (t != e && t.getMessage() != null && !message.contains(t.getMessage())) {
            message = message + ": " + t.getMessage();
        }
        return message.replaceAll("\\s+", " ").strip();
    }

    /** The bytes of messages a consumer of Muster's may hold unacknowledged (see {@link #connectionFactory}). */
    static final int SUBMISSION_WINDOW_BYTES = 16 * 1024;

    @Override
    public ConnectionFactory connectionFactory() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.url(), settings.user(),
                settings.password());
        // events are re-derivable from the store: do not wait for the journal on each one
        factory.setBlockOnDurableSend(false);
        // servers on one broker compete for muster.submit: with the default window (1 MiB, thousands
        // of submissions) the first consumer buffers a whole burst and the others get none of it;
        // 16 KiB (some twenty submissions) keeps the next batch on its way and lets the rest go round
        factory.setConsumerWindowSize(SUBMISSION_WINDOW_BYTES);
        return factory;
    }

    @Override
    public String clientUrl() {
        return settings.url();
    }


    @Override
    public boolean secured() {
        return settings.user() != null;
    }

    @Override
    public BrokerUsers users() {
        return users;
    }

    @Override
    public String ownLogin() {
        return settings.user();
    }

    @Override
    public void connected(boolean up, String reason) {
        this.up = up;
        this.downReason = reason;
    }

    /** Whether Muster's connections to the broker are up (see {@link BrokerLink}). */
    @Override
    public boolean active() {
        return up && locator != null;
    }

    @Override
    public String description() {
        return "the broker at " + settings.url();
    }

    @Override
    public String downReason() {
        return up ? null : downReason;
    }

    @Override
    public synchronized long messageCount(String queue) {
        if (!active() || !querySession()) {
            return -1;
        }
        try {
            ClientSession.QueueQuery q = session.queueQuery(SimpleString.of(queue));
            return q.isExists() ? q.getMessageCount() : -1;
        } catch (ActiveMQException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot count the messages on " + queue, e);
            return -1;
        }
    }

    /** The query session, made again (at most every few seconds) after the broker was away. */
    private boolean querySession() {
        if (session != null && !session.isClosed() && !sessions.isClosed()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - queryRetryAt < 0) {
            return false;
        }
        queryRetryAt = now + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        try {
            close(session);
            if (sessions != null) {
                sessions.close();
            }
            sessions = locator.createSessionFactory();
            session = sessions.createSession(settings.user(), settings.password(), false, true, true, false, 0);
            session.start();
            return true;
        } catch (Exception e) {
            LOG.log(Level.FINE, "no query session on " + settings.url(), e);
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        close(session);
        session = null;
        if (sessions != null) {
            sessions.close();
            sessions = null;
        }
        if (locator != null) {
            locator.close();
            locator = null;
        }
    }

    private static void close(ClientSession s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (ActiveMQException e) {
            LOG.log(Level.FINE, "closing the query session", e);
        }
    }
}
