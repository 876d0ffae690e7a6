package io.muster.server;

import io.muster.api.Destinations;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.backends.Backends;
import io.muster.batch.BatchEngine;
import io.muster.batch.Flows;
import io.muster.batch.JobLauncher;
import io.muster.batch.dispatch.Dispatcher;
import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.http.HttpFrontend;
import io.muster.messaging.ControlListener;
import io.muster.messaging.Broker;
import io.muster.messaging.BrokerLink;
import io.muster.messaging.EventPublisher;
import io.muster.messaging.FlowControlListener;
import io.muster.messaging.SubmissionListener;
import io.muster.messaging.Submissions;
import io.muster.metrics.MusterMetrics;
import io.muster.metrics.TimedCommandRunner;
import io.muster.options.OptionResolver;
import io.muster.options.Profiles;
import io.muster.scheduler.GridBackend;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.ProcessCommandRunner;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.Database;
import io.muster.store.JobStore;
import io.muster.store.ServerLeases;
import io.muster.tracking.JobLifecycle;
import io.muster.tracking.JobTracker;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The composition root: starts, in order, the database and job store, the backends and their
 * tracking, the broker, the event publisher, the batch engine and dispatcher, the jobs a previous
 * run left unfinished, and the submission listener; stops them in reverse. Stopping leaves local jobs running: the next start
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
    @Inject
    ControlListener control;
    @Inject
    JobLauncher launcher;
    @Inject
    Flows flows;
    @Inject
    Dispatcher dispatcher;
    @Inject
    FlowControlListener flowControl;
    @Inject
    HttpFrontend http;
    @Inject
    MusterMetrics metrics;

    private MusterConfig config;
    private Database database;
    private JobStore store;
    private LeaseKeeper leases;
    private Broker broker;
    private BrokerLink link;
    private LocalScheduler local;

    public synchronized void start(MusterConfig settings) throws Exception {
        if (config != null) {
            throw new IllegalStateException("Muster is already running on " + config.dataDir());
        }
        // profiles and the broker's users file are checked before anything starts: a bad one stops
        // the start with file and line
        Profiles profiles = Profiles.from(settings);
        Broker checkedBroker = Broker.of(settings);
        Files.createDirectories(settings.workRoot());
        if (settings.databaseUrl() == null) {
            Files.createDirectories(settings.dataDir().resolve("db"));
        }
        // before the server counts as running: a database it cannot open leaves nothing to stop
        database = DatabaseStart.open(settings);
        config = settings;
        String serverId = ServerLeases.newId(settings.localHost());
        store = new JobStore(database.dataSource(), serverId);
        lifecycle.open(store);

        local = new LocalScheduler(settings.localCores(), settings.localMemoryMb());
        local.setDependencyStates(this::storedState);
        schedulers.register(local);
        tracker.attach(local, settings.pollInterval());
        // every cluster backend of the registry, in its order: backend "auto" prefers the first that answers
        for (GridBackend grid : Backends.grids()) {
            GridSettings gridSettings = settings.grid(grid.name());
            if (gridSettings.mode() == GridSettings.Mode.AUTO && !grid.plausible(System.getenv())) {
                LOG.info(() -> grid.name() + " not detected (its clients' environment is missing); backend "
                        + grid.name() + " is off");
                continue;
            }
            GridScheduler.fromSettings(grid.dialect(Backends.own(grid, settings)), new TimedCommandRunner(grid.name(), new ProcessCommandRunner(), metrics),
                    gridSettings).ifPresent(scheduler -> {
                        schedulers.register(scheduler);
                        tracker.attach(scheduler, gridSettings.pollInterval());
                    });
        }

        broker = checkedBroker;
        // before the broker: a taken http.port stops the start early; until the rest is up, ready says 503
        http.start(settings, broker, local, store, database.dataSource());
        broker.start();
        link = new BrokerLink(broker, broker.ownLogin());
        publisher.open(link);
        try (Database.SchemaLock tables = database.schemaLock()) {
            batch.start(database.dataSource(), settings.batchThreads(), settings.flowsDir());
        }
        int abandoned = batch.abandonInterruptedDispatches();
        if (abandoned > 0) {
            LOG.info(() -> abandoned + " dispatch executions were cut short by the last stop; the store knows their jobs");
        }
        dispatcher.open();
        Submissions rules = new Submissions(OptionResolver.forServer(profiles, settings), schedulers,
                settings.workRoot());
        // flows' jobs are checked by exactly the rules a message is
        launcher.useRules(json -> {
            Submissions.Outcome outcome = rules.read(json);
            return new JobLauncher.Checked(outcome.job(), outcome.violations());
        });
        flows.open(settings.workRoot(), settings.flowsDir());
        // before new submissions: every unfinished job is followed where it runs, or handed over once
        // before new submissions: every unfinished job of no live server is followed where it runs, or
        // handed over once; then, while this server runs, those of servers that die
        leases = new LeaseKeeper(new ServerLeases(database.dataSource(), serverId), store,
                new JobRecovery(lifecycle, schedulers, tracker, dispatcher), local, settings.localHost(),
                settings.scaleOut().leaseTime(), settings.scaleOut().heartbeat(), settings.pollInterval());
        leases.start(!database.shared());
        if (database.shared()) {
            // JBeret cannot tell another live server's running flow from an interrupted one
            LOG.info("flows interrupted by a stop are not resumed: other servers may share this database");
        } else {
            flows.resumeInterrupted().forEach((old, now) -> LOG.info(() -> "flow execution " + old
                    + " was running when the server stopped; it goes on as execution " + now));
        }
        listener.start(link, rules);
        control.start(link, rules, settings.workRoot());
        flowControl.start(link);
        LOG.info(() -> "Muster is listening on " + broker.description() + " (data in " + settings.dataDir() + "):"
                + " send JSON submissions to queue '" + Destinations.SUBMIT_QUEUE + "', subscribe to topic '"
                + Destinations.EVENTS_TOPIC + "', ask queue '" + Destinations.CONTROL_QUEUE + "'"
                + " (JMS/core, AMQP 1.0, STOMP, MQTT)"
                + (!settings.brokerExternal() && broker.secured() ? "; clients log in as the users of "
                + settings.brokerUsers() : ""));
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
        http.stop();
        control.stop();
        flowControl.stop();
        listener.stop();
        dispatcher.close();
        batch.stop();
        tracker.close();
        if (leases != null) {
            leases.stop();
        }
        publisher.close();
        if (link != null) {
            link.close();
            link = null;
        }
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

    public Broker broker() {
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

    /** The database of the store and the batch repository (for tests that look at the repository). */
    Database database() {
        return database;
    }
}
