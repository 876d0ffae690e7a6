package io.muster.server;

import io.muster.batch.BatchEngine;
import io.muster.batch.Flows;
import io.muster.batch.JobLauncher;
import io.muster.config.MusterConfig;
import io.muster.messaging.EmbeddedBroker;
import io.muster.messaging.EventPublisher;
import io.muster.messaging.FlowControlListener;
import io.muster.messaging.SubmissionListener;
import io.muster.messaging.Submissions;
import io.muster.options.OptionResolver;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.Database;
import io.muster.store.JobStore;
import io.muster.tracking.JobLifecycle;
import io.muster.tracking.JobTracker;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The composition root: starts, in order, the database and job store, the backends, the broker,
 * the event publisher, the batch engine and the submission listener; stops them in reverse.
 */
@ApplicationScoped
public class MusterServer {

    private static final Logger LOG = Logger.getLogger(MusterServer.class.getName());

    @Inject
    JobLifecycle lifecycle;
    @Inject
    JobTracker tracker;
    @Inject
    Schedulers schedulers;
    @Inject
    BatchEngine batch;
    @Inject
    EventPublisher publisher;
    @Inject
    SubmissionListener listener;
    @Inject
    JobLauncher launcher;
    @Inject
    Flows flows;
    @Inject
    FlowControlListener flowControl;

    private MusterConfig config;
    private Database database;
    private JobStore store;
    private EmbeddedBroker broker;
    private LocalScheduler local;

    public synchronized void start(MusterConfig settings) throws Exception {
        if (config != null) {
            throw new IllegalStateException("Muster is already running on " + config.dataDir());
        }
        config = settings;
        Files.createDirectories(settings.workRoot());
        database = Database.h2File(settings.dataDir().resolve("db"));
        store = new JobStore(database.dataSource());
        lifecycle.open(store);

        local = new LocalScheduler(settings.localCores(), settings.localMemoryMb());
        schedulers.register(local);
        tracker.attach(local, Duration.ofSeconds(1));

        broker = new EmbeddedBroker(settings);
        broker.start();
        ConnectionFactory factory = broker.inVmConnectionFactory();
        publisher.open(factory);
        batch.start(database.dataSource(), settings.batchThreads(), settings.flowsDir());
        Submissions rules = new Submissions(new OptionResolver(), schedulers, settings.workRoot());
        // flows' jobs are checked by exactly the rules a message is
        launcher.useRules(json -> {
            Submissions.Outcome outcome = rules.read(json);
            return new JobLauncher.Checked(outcome.job(), outcome.violations());
        });
        flows.open(settings.workRoot(), settings.flowsDir());
        listener.start(factory, rules);
        flowControl.start(factory);
        LOG.info(() -> "Muster is listening on " + broker.clientUrl() + " (data in " + settings.dataDir() + "):"
                + " send JSON submissions to queue '" + MusterConfig.SUBMIT_QUEUE + "', subscribe to topic '"
                + MusterConfig.EVENTS_TOPIC + "' (JMS/core, AMQP 1.0, STOMP, MQTT)");
    }

    public synchronized void stop() throws Exception {
        if (config == null) {
            return;
        }
        flowControl.stop();
        listener.stop();
        batch.stop();
        tracker.close();
        publisher.close();
        broker.stop();
        schedulers.closeAll();
        store.close();
        database.close();
        config = null;
    }

    /** Stops with the CDI container, so no broker or database outlives it. */
    @PreDestroy
    void shutdown() {
        try {
            stop();
        } catch (Exception e) {
            LOG.log(java.util.logging.Level.WARNING, "error while stopping Muster", e);
        }
    }

    public synchronized boolean running() {
        return config != null;
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public MusterConfig config() {
        return config;
    }

    public LocalScheduler localPool() {
        return local;
    }

    public JobStore store() {
        return store;
    }
}
