package io.muster.server;

import io.muster.api.Destinations;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.backends.Backends;
import io.muster.batch.BatchEngine;
import io.muster.batch.Flows;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The composition root, and the one way Muster is wired. The resources of a run (database, job
 * store, backends, broker and its link, submission rules) are made here with {@code new}, each from
 * the ones it needs, and handed to {@link ServerResources} whole; every bean takes from there, by
 * injection, what it uses. Then the beans start, each with a plain {@code start()}, in the order
 * below, and every start that succeeded pushes its stop: {@link #stop} (or a start that fails half
 * way) runs those in reverse. Stopping leaves local jobs running: the next start takes them back.
 */
@ApplicationScoped
public class MusterServer {

    private static final Logger LOG = Logger.getLogger(MusterServer.class.getName());

    @Inject
    ServerResources resources;
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
    Flows flows;
    @Inject
    Dispatcher dispatcher;
    @Inject
    FlowControlListener flowControl;
    @Inject
    HttpFrontend http;
    @Inject
    MusterMetrics metrics;

    /** A step of the start that left something to stop. */
    @FunctionalInterface
    private interface Stop {
        void run() throws Exception;
    }

    /** The stops of what this run started, the latest first. */
    private final Deque<Stop> started = new ArrayDeque<>();
    private ServerResources.Run run;

    public synchronized void start(MusterConfig settings) throws Exception {
        if (run != null) {
            throw new IllegalStateException("Muster is already running on " + run.config().dataDir());
        }
        // profiles and the broker's users file are checked before anything starts: a bad one stops
        // the start with file and line
        Profiles profiles = Profiles.from(settings);
        Broker broker = Broker.of(settings);
        broker.onFatal(reason -> {
            LOG.severe(() -> reason + "; this server cannot take or answer work any more: restart it");
            java.util.function.Consumer<String> listener = fatal;
            if (listener != null) {
                listener.accept(reason);
            }
        });
        Files.createDirectories(settings.workRoot());
        if (settings.databaseUrl() == null) {
            Files.createDirectories(settings.dataDir().resolve("db"));
        }
        // a database it cannot open leaves nothing to stop
        Database database = DatabaseStart.open(settings);
        try {
            run = resources(settings, profiles, broker, database);
            starting(settings);
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
        LOG.info(() -> "Muster is listening on " + broker.description() + " (data in " + settings.dataDir() + "):"
                + " send JSON submissions to queue '" + Destinations.SUBMIT_QUEUE + "', subscribe to topic '"
                + Destinations.EVENTS_TOPIC + "', ask queue '" + Destinations.CONTROL_QUEUE + "'"
                + " (JMS/core, AMQP 1.0, STOMP, MQTT)"
                + (!settings.brokerExternal() && broker.secured() ? "; clients log in as the users of "
                + settings.brokerUsers() : ""));
    }

    /** The run's resources, made and handed over before any bean starts. */
    private ServerResources.Run resources(MusterConfig settings, Profiles profiles, Broker broker, Database database) {
        started.push(database::close);
        String serverId = ServerLeases.newId(settings.localHost());
        JobStore store = new JobStore(database.dataSource(), serverId);
        started.push(store::close);
        ServerLeases leases = new ServerLeases(database.dataSource(), serverId);
        LocalScheduler local = new LocalScheduler(settings.localCores(), settings.localMemoryMb(), settings.localHost());
        local.setDependencyStates(this::storedState);
        started.push(schedulers::closeAll);
        schedulers.register(local);
        schedulers.localPoolOn(settings.localHost());
        registerGrids(settings);
        Submissions rules = new Submissions(OptionResolver.forServer(profiles, settings), schedulers,
                settings.workRoot(), leases::hosts).knowingJobs(store::find);
        ServerResources.Run made = new ServerResources.Run(leases, settings, database, store, broker,
                new BrokerLink(broker, broker.ownLogin(), settings.replyPrefix()), local, rules);
        resources.begin(made);
        started.push(() -> {
            lifecycle.close();
            resources.end();
        });
        return made;
    }

    /** Every cluster backend of the registry, in its order: backend "auto" prefers the first that answers. */
    private void registerGrids(MusterConfig settings) {
        for (GridBackend grid : Backends.grids()) {
            GridSettings gridSettings = settings.grid(grid.name());
            if (gridSettings.mode() == GridSettings.Mode.AUTO && !grid.plausible(System.getenv())) {
                LOG.info(() -> grid.name() + " not detected (its clients' environment is missing); backend "
                        + grid.name() + " is off");
                continue;
            }
            GridScheduler.fromSettings(grid.dialect(Backends.own(grid, settings)),
                    new TimedCommandRunner(grid.name(), new ProcessCommandRunner(), metrics), gridSettings)
                    .ifPresent(schedulers::register);
        }
    }

    /** The beans, in the order they start; each pushes its stop once started. */
    private void starting(MusterConfig settings) throws Exception {
        // before the broker: a taken http.port stops the start early; until the rest is up, ready says 503
        http.start();
        started.push(http::stop);
        run.broker().start();
        started.push(run.broker()::stop);
        started.push(run.link()::close);
        publisher.start();
        started.push(publisher::close);
        // on a database of its own, every end a crash kept from its subscribers; on a shared one,
        // those of servers without a lease, now and whenever the lease keeper finds one dead
        boolean shared = run.database().shared();
        publisher.announceStoredEnds(shared);
        // after the publisher, so that it stops first and its last changes are still announced
        tracker.start();
        started.push(tracker::close);
        batch.start();
        started.push(batch::stop);
        // released only once nothing of this server hands over or follows jobs any more
        LeaseKeeper leases = new LeaseKeeper(run.leases(),
                run.store(), new JobRecovery(lifecycle, schedulers, tracker, dispatcher), run.local(),
                settings.localHost(), settings.scaleOut().leaseTime(), settings.scaleOut().heartbeat(),
                settings.pollInterval(), !shared ? null : live -> {
                    publisher.announceStoredEnds(true);
                    flows.resumeOrphaned(live).forEach((old, now) -> LOG.info(() -> "flow execution " + old
                            + " ran on a server that holds no lease any more; it goes on here as execution " + now));
                });
        started.push(leases::stop);
        dispatcher.open();
        started.push(dispatcher::close);
        // before new submissions: every unfinished job of no live server is followed where it runs, or
        // handed over once; then, while this server runs, those of servers that die
        // on a shared database, the flows of servers without a lease are resumed by the lease keeper
        leases.start(!shared);
        if (!shared) {
            flows.resumeInterrupted().forEach((old, now) -> LOG.info(() -> "flow execution " + old
                    + " was running when the server stopped; it goes on as execution " + now));
        }
        listener.start();
        started.push(listener::stop);
        control.start();
        started.push(control::stop);
        flowControl.start();
        started.push(flowControl::stop);
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

    private volatile java.util.function.Consumer<String> fatal;

    /**
     * What to do when a part this server cannot do without stops for good (the embedded broker
     * after a critical I/O error): {@code muster server} exits, so a supervisor starts it again.
     */
    public void onFatal(java.util.function.Consumer<String> listener) {
        this.fatal = listener;
    }

    /** Stops what the start started, the latest first; one that fails to stop does not keep the rest running. */
    public synchronized void stop() {
        while (!started.isEmpty()) {
            Stop next = started.pop();
            try {
                next.run();
            } catch (Exception | Error e) {
                LOG.log(java.util.logging.Level.WARNING, "error while stopping Muster", e);
            }
        }
        run = null;
    }

    /** Stops with the CDI container, so no broker or database outlives it. */
    @PreDestroy
    void shutdown() {
        stop();
    }

    public synchronized boolean running() {
        return run != null;
    }

    public Broker broker() {
        return run == null ? null : run.broker();
    }

    public MusterConfig config() {
        return run == null ? null : run.config();
    }

    public LocalScheduler localPool() {
        return run == null ? null : run.local();
    }

    public JobStore store() {
        return run == null ? null : run.store();
    }

    /** The database of the store and the batch repository (for tests that look at the repository). */
    Database database() {
        return run == null ? null : run.database();
    }
}
