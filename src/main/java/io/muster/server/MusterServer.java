package io.muster.server;

import io.muster.batch.BatchEngine;
import io.muster.config.MusterConfig;
import io.muster.job.JobId;
import io.muster.job.JobState;
import io.muster.messaging.EmbeddedBroker;
import io.muster.messaging.EventPublisher;
import io.muster.messaging.SubmissionListener;
import io.muster.messaging.Submissions;
import io.muster.options.OptionResolver;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.Database;
import io.muster.store.JobStore;
import io.muster.tracking.JobLifecycle;
import io.muster.tracking.JobTracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The composition root: starts, in order, the database and job store, the backends, the broker,
 * the event publisher, the batch engine, the jobs a previous run left unfinished, and the
 * submission listener; stops them in reverse. Stopping leaves local jobs running: the next start
 * takes them back.
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
        local.setDependencyStates(this::storedState);
        schedulers.register(local);
        tracker.attach(local, Duration.ofSeconds(1));

        broker = new EmbeddedBroker(settings);
        broker.start();
        ConnectionFactory factory = broker.inVmConnectionFactory();
        publisher.open(factory);
        batch.start(database.dataSource(), settings.batchThreads());
        JobRecovery.resume(store, lifecycle, local, batch);
        listener.start(factory, new Submissions(new OptionResolver(), schedulers, settings.workRoot()));
        LOG.info(() -> "Muster is listening on " + broker.clientUrl() + " (data in " + settings.dataDir() + "):"
                + " send JSON submissions to queue '" + MusterConfig.SUBMIT_QUEUE + "', subscribe to topic '"
                + MusterConfig.EVENTS_TOPIC + "'; try: java -jar target/muster.jar run -- echo hello");
    }

    /** A job's state as the store knows it, for a dependency the local pool has not seen (after a restart). */
    private Optional<JobState> storedState(String schedulerId) {
        if (!JobId.looksLikeJobId(schedulerId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(lifecycle.get(JobId.of(schedulerId)).state());
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
    }

    public synchronized void stop() throws Exception {
        if (config == null) {
            return;
        }
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
