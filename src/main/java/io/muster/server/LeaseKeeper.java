package io.muster.server;

import io.muster.job.JobRecord;
import io.muster.scheduler.Scheduler;
import io.muster.store.JobStore;
import io.muster.store.ServerLeases;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's lease on the jobs it follows, and the takeover of the jobs of servers that lost
 * theirs. The lease is renewed every third of its time; every check interval (the shorter of that
 * and the poll interval, so a takeover starts within one poll interval of the lease's end) the servers whose lease ran out are removed, and the unfinished jobs of
 * every owner without a lease (a dead server, one that stopped, none) are taken over, each by
 * exactly one server ({@link JobStore#takeOver}), and followed through {@link JobRecovery}.
 *
 * <p>Each check also carries out the cancels that other servers were asked for jobs of this
 * server's local pool, which only it can reach.
 *
 * <p>On a database no other server can open (the embedded H2 file) every other server's row is
 * a previous run's: its jobs are taken over at once, as a restart always did, and there is
 * nothing to check afterwards.
 */
final class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

    private final ServerLeases leases;
    private final JobStore store;
    private final JobRecovery recovery;
    private final Scheduler local;
    private final String host;
    private final Duration lease;
    private final Duration heartbeat;
    private final Duration check;
    private ScheduledExecutorService timer;
    /** {@link System#nanoTime()} of the last renewal (or registration) of the lease. */
    private volatile long renewedAt = System.nanoTime();
    /** Resumes the flows, and publishes the unannounced job ends, of servers without a lease, given the ids of those with one (shared databases only). */
    private final java.util.function.Consumer<java.util.Set<String>> orphanedFlows;
    /** Checks since the last look for orphaned flows: they are looked for after a takeover, else every {@link #FLOW_LOOK}th. */
    private int sinceFlowLook;
    static final int FLOW_LOOK = 10;

    LeaseKeeper(ServerLeases leases, JobStore store, JobRecovery recovery, Scheduler local, String host,
                Duration lease, Duration heartbeat, Duration pollInterval) {
        this(leases, store, recovery, local, host, lease, heartbeat, pollInterval, null);
    }

    /**
     * @param orphanedFlows resumes the flows of servers without a lease, given the live servers'
     *                      ids; null on a database no other server opens (the start resumes them all)
     */
    LeaseKeeper(ServerLeases leases, JobStore store, JobRecovery recovery, Scheduler local, String host,
                Duration lease, Duration heartbeat, Duration pollInterval,
                java.util.function.Consumer<java.util.Set<String>> orphanedFlows) {
        this.orphanedFlows = orphanedFlows;
        this.local = local;
        this.leases = leases;
        this.store = store;
        this.recovery = recovery;
        this.host = host;
        this.lease = lease;
        this.heartbeat = heartbeat;
        this.check = heartbeat.compareTo(pollInterval) < 0 ? heartbeat : pollInterval;
    }

    /**
     * Takes the lease and takes over what is nobody's now (before new submissions come in), then
     * keeps renewing and checking.
     *
     * @param exclusive whether no other server can use this database (then every other row is stale)
     */
    synchronized void start(boolean exclusive) {
        leases.register(host, lease);
        renewedAt = System.nanoTime();
        if (!exclusive && local instanceof io.muster.scheduler.local.LocalScheduler pool) {
            // a pool whose server may have been taken for dead starts nothing until it knows
            pool.setStartGate(this::leaseSurelyHeld);
        }
        if (exclusive) {
            leases.others().forEach(leases::forget);
        }
        int taken = takeOverOrphans();
        resumeOrphanedFlows();
        int servers = leases.count();
        LOG.info(() -> "server " + leases.id() + " holds a lease of " + lease.toMillis() + " ms (" + servers
                + " servers share the database); took up " + taken + " unfinished jobs");
        // two threads: a long takeover (a scheduler asked for untagged jobs) must not delay the renewal
        timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "muster-lease");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::renew, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        // alone on its database, no other server can die, leave jobs to a host or ask a cancel: the
        // check would only scan every unfinished job each interval for nothing
        if (!exclusive) {
            timer.scheduleWithFixedDelay(this::check, check.toMillis(), check.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Whether this server surely still holds its lease: it renewed within two thirds of it (two
     * renewals may be missed), by this host's monotonic clock. After a pause longer than that (a
     * long garbage collection, a frozen VM), the others may have taken it for dead and its jobs over.
     */
    boolean leaseSurelyHeld() {
        return System.nanoTime() - renewedAt < lease.toNanos() * 2 / 3;
    }

    private void renew() {
        try {
            if (!leases.renew()) {
                // found dead while alive (a pause longer than the lease): its jobs may be another's now
                LOG.severe(() -> "server " + leases.id() + " did not renew its lease within " + lease.toMillis()
                        + " ms and was taken for dead; taking a new lease");
                leases.register(host, lease);
                renewedAt = System.nanoTime();
                releaseTakenJobs();
            } else {
                renewedAt = System.nanoTime();
            }
            if (local instanceof io.muster.scheduler.local.LocalScheduler pool) {
                pool.resumeStarting();
            }
        } catch (RuntimeException e) {
            // the database is away: the lease is renewed when it is back (and others wait for its time)
            LOG.log(Level.WARNING, "cannot renew the lease: " + e.getMessage());
        }
    }

    /**
     * After this server was taken for dead while it ran: the jobs that still wait in its local pool
     * and that another server took over meanwhile are that server's to run (it started them over in
     * its own pool, or ended them), so this pool lets go of them rather than start them too. Asked
     * once this server holds its lease again: from then on no server takes a job of it.
     */
    private void releaseTakenJobs() {
        if (!(local instanceof io.muster.scheduler.local.LocalScheduler pool)) {
            return;
        }
        List<String> waiting = pool.notStarted();
        if (waiting.isEmpty()) {
            return;
        }
        java.util.Set<io.muster.api.JobId> taken = store.ownedByOthers(waiting.stream().map(io.muster.api.JobId::of)
                .toList());
        if (taken.isEmpty()) {
            return;
        }
        pool.release(taken.stream().map(io.muster.api.JobId::value).toList());
        LOG.warning(() -> taken.size() + " local jobs waiting in this server's pool were taken over by another server"
                + " while this one was taken for dead: they are not started here");
    }

    private void check() {
        try {
            boolean gone = false;
            for (String dead : leases.expired()) {
                LOG.warning(() -> "server " + dead + " has not renewed its lease within its lease time: taking its"
                        + " jobs over");
                leases.forget(dead);
                gone = true;
            }
            // the jobs first: a resumed flow's step awaits the job it had, wherever that is followed now
            if (takeOverOrphans() > 0 || gone || ++sinceFlowLook >= FLOW_LOOK) {
                resumeOrphanedFlows();
            }
            cancelAsked();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot check the other servers' leases: " + e.getMessage());
        }
    }

    private void resumeOrphanedFlows() {
        sinceFlowLook = 0;
        if (orphanedFlows == null) {
            return;
        }
        java.util.Set<String> live = new java.util.HashSet<>(leases.others());
        live.add(leases.id());
        orphanedFlows.accept(live);
    }

    /** Carries out the cancels other servers were asked for jobs of this one's local pool. */
    private void cancelAsked() {
        List<JobRecord> asked = store.takeCancelsAsked();
        if (asked.isEmpty()) {
            return;
        }
        LOG.info(() -> "cancelling " + asked.size() + " local jobs other servers were asked to cancel");
        try {
            local.cancel(asked.stream().map(j -> j.schedulerId() == null ? j.id().value() : j.schedulerId()).toList());
        } catch (io.muster.scheduler.SchedulerException e) {
            LOG.warning(() -> "the local pool refused to cancel " + asked.size() + " jobs: " + e.getMessage());
        }
    }

    private int takeOverOrphans() {
        int taken = 0;
        for (String owner : store.ownersWithoutLease()) {
            // a bare host name owns the jobs handed to that host's local pool (local@HOST): only its server takes them
            boolean forAHostsPool = !owner.isEmpty() && !owner.contains("/");
            if (forAHostsPool && !owner.equals(host)) {
                continue;
            }
            List<JobRecord> jobs = store.takeOver(owner);
            if (jobs.isEmpty()) {
                continue;
            }
            String from = owner.isEmpty() || forAHostsPool ? null : ServerLeases.hostOf(owner);
            String foreign = from == null || from.equals(host) ? null : from;
            LOG.info(() -> "taking over " + jobs.size() + " unfinished jobs of " + (owner.isEmpty() ? "no server"
                    : forAHostsPool ? "this host's local pool (local@" + owner + ")" : "server " + owner));
            taken += recovery.resume(jobs, foreign);
        }
        return taken;
    }

    /** Stops renewing and gives the lease up: another server may take the jobs over at once. */
    synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
        try {
            leases.release();
        } catch (RuntimeException e) {
            LOG.warning(() -> "could not give the lease up (" + e.getMessage() + "); it runs out in "
                    + lease.toMillis() + " ms");
        }
    }
}
