package io.muster.messaging;

import io.muster.api.Destinations;
import io.muster.api.JobId;
import io.muster.api.Violation;
import io.muster.batch.FlowEvent;
import io.muster.job.JobRecord;
import io.muster.store.StoreException;
import io.muster.tracking.JobChanged;
import io.muster.tracking.JobLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes every state change on {@code muster.events}: the CloudEvent as the body, and the
 * facts selectors need (jobId, state, backend, name, requestId) as message properties.
 *
 * <p>Publishing is asynchronous and batched: a state change only queues its event, and one
 * thread sends whatever has gathered (up to {@link #MAX_BATCH}) in one JMS transaction. The
 * queue keeps the order in which the changes were stored, so a job's events leave in order.
 * While the broker is away ({@link BrokerLink}) events wait, and the batch that failed is sent
 * again, whole, once the link is back (a subscriber may see an event twice: events carry a stable
 * id to drop it by). A job's end is marked in the store as unannounced with the end itself, and
 * unmarked once its event left: a server killed in between publishes it at its next start
 * ({@link #announceStoredEnds()}).
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());
    static final int MAX_BATCH = 500;

    /** An event to send, built on the publisher's thread. */
    @FunctionalInterface
    private interface Pending {
        void send() throws JMSException;

        /** The job whose end this event announces, or null. */
        default JobId ends() {
            return null;
        }
    }

    private static final Pending STOP = () -> { };

    private BrokerLink link;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private volatile boolean stopping;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private Thread sender;
    private final BrokerLink.Part part = new BrokerLink.Part() {
        @Override
        public void connect(ConnectionFactory factory, BrokerLink link) throws JMSException {
            EventPublisher.this.connect(link);
        }

        @Override
        public void disconnect() {
            EventPublisher.this.disconnect();
        }
    };

    @Inject
    Provider<BrokerLink> links;

    @Inject
    JobLifecycle lifecycle;

    /** Publishes through the running server's broker link, again after every loss of the broker. */
    public synchronized void start() throws JMSException {
        BrokerLink link = links.get();
        this.link = link;
        stopping = false;
        link.attach(part);
        sender = new Thread(this::sendForever, "muster-events");
        sender.setDaemon(true);
        sender.start();
    }

    private synchronized void connect(BrokerLink link) throws JMSException {
        connection = link.connection();
        session = connection.createSession(true, Session.SESSION_TRANSACTED);
        producer = session.createProducer(session.createTopic(Destinations.EVENTS_TOPIC));
        connection.start();
        notifyAll();
    }

    private synchronized void disconnect() {
        producer = null;
        Connections.closeQuietly(connection, "event");
        connection = null;
    }

    private void sendForever() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            while (!sendAll(batch)) {
                if (!awaitProducer()) {
                    LOG.warning(() -> batch.size() + pending.size() + " events were not sent: the broker was away"
                            + " when the server stopped (the store has every job's state)");
                    return;
                }
            }
            announced(batch);
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Waits for the link to connect this publisher again; false when stopping first. */
    private synchronized boolean awaitProducer() {
        while (producer == null && !stopping) {
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return producer != null;
    }

    /** Sends a batch in one transaction; false, with the batch kept, when the broker is away. */
    private boolean sendAll(List<Pending> batch) {
        if (batch.isEmpty()) {
            return true;
        }
        JMSException failure = null;
        synchronized (this) {
            if (producer == null) {
                return false;
            }
            try {
                for (Pending p : batch) {
                    try {
                        p.send();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "cannot publish an event", e);
                    }
                }
                session.commit();
                return true;
            } catch (JMSException e) {
                failure = e;
                try {
                    session.rollback();
                } catch (JMSException | RuntimeException again) {
                    LOG.log(Level.FINE, "rollback without the broker", again);
                }
                producer = null;
            }
        }
        LOG.warning("cannot publish " + batch.size() + " events (" + ExternalBroker.oneLine(failure)
                + "); they are sent when the broker answers again");
        BrokerLink l = link;
        if (l != null) {
            l.lost(failure);
        }
        return false;
    }

    /** Unmarks the ends a committed batch announced; one lost to a crash is only announced again. */
    private void announced(List<Pending> batch) {
        List<JobId> ended = new ArrayList<>();
        for (Pending p : batch) {
            if (p.ends() != null) {
                ended.add(p.ends());
            }
        }
        try {
            lifecycle.store().announced(ended);
        } catch (StoreException | IllegalStateException e) {
            LOG.log(Level.FINE, "cannot unmark " + ended.size() + " announced ends; a restart announces them again", e);
        }
    }

    /**
     * Publishes the end of every job the store has ended without its event leaving (the server
     * was killed in between), as when it ended; a subscriber may see one twice, with the same id.
     * Returns how many.
     */
    public int announceStoredEnds() {
        return announceStoredEnds(false);
    }

    /**
     * As {@link #announceStoredEnds()}; with {@code ofServersWithoutLease} (servers sharing a
     * database), only the ends of jobs whose owner holds no lease: another server's publisher may
     * be about to send the rest.
     */
    public int announceStoredEnds(boolean ofServersWithoutLease) {
        List<JobId> ids = lifecycle.store().unannouncedEnds(ofServersWithoutLease);
        List<JobId> gone = new ArrayList<>();
        int announced = 0;
        for (JobId id : ids) {
            JobRecord job = lifecycle.store().find(id).orElse(null);
            if (job == null || !job.state().isFinal()) {
                gone.add(id);
            } else {
                publish(job, List.of());
                announced++;
            }
        }
        lifecycle.store().announced(gone);
        if (announced > 0) {
            int n = announced;
            LOG.info(() -> n + " jobs had ended without their events published when the server stopped: publishing"
                    + " them now");
        }
        return announced;
    }

    void onChange(@Observes JobChanged change) {
        publish(change.job(), List.of());
    }

    /** Publishes one state of a job; violations go with a REJECTED one. */
    public void publish(JobRecord job, List<Violation> why) {
        JobId ends = job.state().isFinal() ? job.id() : null;
        pending.add(new Pending() {
            @Override
            public void send() throws JMSException {
                EventPublisher.this.send(job, why);
            }

            @Override
            public JobId ends() {
                return ends;
            }
        });
    }

    private void send(JobRecord job, List<Violation> why) throws JMSException {
        TextMessage message = session.createTextMessage(JobEvents.text(job, why));
        message.setStringProperty("jobId", job.id().value());
        message.setStringProperty("state", job.state().name());
        message.setStringProperty("group", job.state().group().name());
        message.setStringProperty("backend", job.backend());
        message.setStringProperty("name", job.name());
        if (job.user() != null) {
            message.setStringProperty("user", job.user());
        }
        if (job.requestId() != null) {
            message.setStringProperty("requestId", job.requestId());
        }
        if (job.exitCode() != null) {
            message.setIntProperty("exitCode", job.exitCode());
        }
        message.setStringProperty("type", JobEvents.type(job));
        producer.send(message);
    }

    void onFlow(@Observes FlowEvent event) {
        publish(event);
    }

    /**
     * Publishes a flow or step event. Properties for selectors: {@code type}, {@code flow},
     * {@code flowExecutionId}, {@code step}, {@code phase}, {@code exitStatus};
     * never {@code jobId}, {@code state} or {@code group}, so a subscriber to jobs sees no flow events.
     */
    public void publish(FlowEvent event) {
        pending.add(() -> send(event));
    }

    private void send(FlowEvent event) throws JMSException {
        TextMessage message = session.createTextMessage(
                new String(FlowEvents.serialize(event), StandardCharsets.UTF_8));
        message.setStringProperty("type", event.type());
        message.setStringProperty("flow", event.flow());
        message.setLongProperty("flowExecutionId", event.executionId());
        message.setStringProperty("phase", event.phase());
        if (event.step() != null) {
            message.setStringProperty("step", event.step());
        }
        if (event.exitStatus() != null) {
            message.setStringProperty("exitStatus", event.exitStatus());
        }
        producer.send(message);
    }

    /** Sends what is queued (if the broker is there), then closes. */
    public void close() {
        Thread t;
        BrokerLink l;
        synchronized (this) {
            t = sender;
            sender = null;
            l = link;
            link = null;
        }
        if (t != null) {
            pending.add(STOP);
            try {
                t.join(2_000);
                synchronized (this) {
                    stopping = true;
                    notifyAll();
                }
                t.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (l != null) {
            l.detach(part);
        }
        disconnect();
    }
}
