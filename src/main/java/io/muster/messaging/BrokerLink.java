package io.muster.messaging;

import io.muster.config.BrokerUsers;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Muster's connections to its broker, and what happens when the broker goes away. Each part that
 * holds a connection (the submission listener, the event publisher, the control and flow
 * listeners) connects through this link and reports a lost connection to it. The link then takes
 * every part off the broker and tries again with back-off ({@link #delay}: 1 s, doubling, at most
 * {@link #MAX_DELAY}), one log line per attempt, until the broker (or, for a list of brokers, any
 * of them) answers; then it connects every part again and says so. While the broker is away the
 * server keeps running: accepted jobs are in the store and keep running, events wait to be sent.
 */
public final class BrokerLink implements AutoCloseable {

    /** Something that holds a broker connection and can make it again. */
    interface Part {
        /** Connects; a lost connection is to be reported to {@code link}. */
        void connect(ConnectionFactory factory, BrokerLink link) throws JMSException;

        /** Drops the connection quietly (the broker may be gone). */
        void disconnect();
    }

    private static final Logger LOG = Logger.getLogger(BrokerLink.class.getName());
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final Broker broker;
    private final ConnectionFactory factory;
    private final String ownLogin;
    private final ReplyAddresses replies;
    private final List<Part> parts = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService retries;
    private volatile boolean up = true;
    private volatile boolean closed;
    private Instant lostAt;
    private int attempts;

    /**
     * @param ownLogin the login Muster's own connections use, whose messages speak for the user
     *                 their body names (bench, {@code muster run}); null for none
     */
    public BrokerLink(Broker broker, String ownLogin) {
        this(broker, ownLogin, null);
    }

    /**
     * @param ownLogin    the login Muster's own connections use, or null for none
     * @param replyPrefix the start every named reply address must have ({@code broker.reply_prefix}),
     *                    or null for any but Muster's own
     */
    public BrokerLink(Broker broker, String ownLogin, String replyPrefix) {
        this.broker = broker;
        this.factory = broker.connectionFactory();
        this.ownLogin = ownLogin;
        this.replies = new ReplyAddresses(replyPrefix);
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "muster-broker-link");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects a part now (a failure stops the start) and again after every loss of the broker. */
    void attach(Part part) throws JMSException {
        part.connect(factory, this);
        parts.add(part);
    }

    /** Takes a part off the link and the broker, as the server stops. */
    void detach(Part part) {
        parts.remove(part);
        part.disconnect();
    }

    /** A connection of this link's, with {@link #lost} as its exception listener. */
    Connection connection() throws JMSException {
        Connection c = factory.createConnection();
        try {
            c.setExceptionListener(this::lost);
        } catch (JMSException | RuntimeException e) {
            Connections.closeQuietly(c, "new");
            throw e;
        }
        return c;
    }

    /** The users whose roles decide what each request may do; null when there are none. */
    BrokerUsers users() {
        return broker.users();
    }

    String ownLogin() {
        return ownLogin;
    }

    /** Where answers may go. */
    ReplyAddresses replies() {
        return replies;
    }

    /** Whether every part is connected (false from a loss until the broker answers again). */
    public boolean up() {
        return up;
    }

    /** A part lost its connection (or could not use it): start reconnecting, once for all parts. */
    void lost(Exception cause) {
        synchronized (this) {
            if (!up || closed) {
                return;
            }
            up = false;
            lostAt = Instant.now();
            attempts = 0;
        }
        broker.connected(false, ExternalBroker.oneLine(cause));
        LOG.warning(() -> "lost " + broker.description() + " (" + ExternalBroker.oneLine(cause) + "): submissions,"
                + " events and control requests wait, jobs keep running; trying again in " + seconds(delay(1)));
        schedule(1);
    }

    /** How long to wait before attempt {@code n} (1-based): 1 s, 2 s, 4 s, ... at most {@link #MAX_DELAY}. */
    static Duration delay(int n) {
        long ms = FIRST_DELAY.toMillis() << Math.min(n - 1, 20);
        return Duration.ofMillis(Math.min(ms, MAX_DELAY.toMillis()));
    }

    private void schedule(int attempt) {
        if (closed) {
            return;
        }
        retries.schedule(() -> reconnect(attempt), delay(attempt).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconnect(int attempt) {
        if (closed) {
            return;
        }
        parts.forEach(Part::disconnect);
        try {
            for (Part part : parts) {
                part.connect(factory, this);
            }
        } catch (JMSException | RuntimeException e) {
            parts.forEach(Part::disconnect);
            broker.connected(false, ExternalBroker.oneLine(e));
            LOG.warning(() -> broker.description() + " still does not answer (attempt " + attempt + ": "
                    + ExternalBroker.oneLine(e) + "); trying again in " + seconds(delay(attempt + 1)));
            schedule(attempt + 1);
            return;
        }
        Duration away;
        synchronized (this) {
            away = Duration.between(lostAt, Instant.now());
            attempts = attempt;
            up = true;
        }
        broker.connected(true, null);
        LOG.info(() -> broker.description() + " answers again after " + seconds(away) + " (" + attempts
                + (attempts == 1 ? " attempt" : " attempts") + "): submissions, events and control requests resume");
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        try {
            retries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Part part : parts) {
            try {
                part.disconnect();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "disconnecting on close", e);
            }
        }
        parts.clear();
    }
}
