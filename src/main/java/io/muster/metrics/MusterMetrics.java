package io.muster.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.muster.api.Destinations;
import io.muster.api.JobState;
import io.muster.api.Violation;
import io.muster.job.JobRecord;
import io.muster.messaging.Broker;
import io.muster.messaging.SubmissionRejected;
import io.muster.options.Keywords;
import io.muster.queue.QueueView;
import io.muster.queue.StateFilter;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.JobFilter;
import io.muster.tracking.JobChanged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Muster's measurements, in Prometheus' names (the README's "Metrics" section lists them). Fed
 * by the {@link JobChanged} and {@link SubmissionRejected} events, by the scheduler commands'
 * {@link TimedCommandRunner}, and read at scrape time from the queue view (jobs by state and
 * backend: the same counts as {@code muster queue --count}), the local pool and the broker.
 *
 * <p>Between {@link #open} and {@link #close} it measures; before and after, events and commands
 * are ignored, so a server without an HTTP server pays nothing.
 */
@ApplicationScoped
public class MusterMetrics {

    private static final Logger LOG = Logger.getLogger(MusterMetrics.class.getName());
    /** The broker queues whose depth is shown. */
    public static final List<String> BROKER_QUEUES = List.of(Destinations.SUBMIT_QUEUE, Destinations.REJECTED_QUEUE,
            Destinations.DEAD_LETTER_QUEUE);
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(5)};

    private volatile PrometheusMeterRegistry registry;
    private volatile JobCounts jobCounts;
    private volatile Throughput throughput = new Throughput(Clock.systemUTC());
    private ScheduledExecutorService sampler;
    private LocalScheduler pool;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** Counts per backend and state, read from the store once per scrape (every gauge of a scrape shares them). */
    private final class JobCounts {
        private final QueueView view;
        private final Set<String> backends;
        private volatile long readAt;
        private volatile Map<String, Map<JobState, Integer>> counts = Map.of();

        JobCounts(QueueView view, Set<String> backends) {
            this.view = view;
            this.backends = backends;
        }

        /** The next gauge read queries the store again: at the start of each scrape. */
        void stale() {
            readAt = 0;
        }

        synchronized double of(String backend, JobState state) {
            long now = System.currentTimeMillis();
            if (now - readAt > 1000) {
                Map<String, Map<JobState, Integer>> fresh = new ConcurrentHashMap<>();
                try {
                    for (String b : backends) {
                        fresh.put(b, new EnumMap<>(view.counts(StateFilter.ALL, JobFilter.all().withBackend(b))));
                    }
                    counts = fresh;
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "cannot count the jobs for the metrics", e);
                    return Double.NaN;
                } finally {
                    readAt = now;
                }
            }
            return counts.getOrDefault(backend, Map.of()).getOrDefault(state, 0);
        }
    }

    /**
     * Starts measuring.
     *
     * @param view     the queue's counts (jobs by state and backend)
     * @param backends the backends this server runs
     * @param local    the local pool, for its cores and memory in use and its waiting jobs
     * @param broker   the broker, for its queues' depths
     */
    public synchronized void open(QueueView view, Set<String> backends, LocalScheduler local, Broker broker) {
        close();
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(r);
        new JvmGcMetrics().bindTo(r);
        new JvmThreadMetrics().bindTo(r);
        new ClassLoaderMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        new UptimeMetrics().bindTo(r);

        JobCounts counts = new JobCounts(view, Set.copyOf(backends));
        jobCounts = counts;
        for (String backend : backends) {
            for (JobState state : JobState.values()) {
                Gauge.builder("muster.jobs", counts, c -> c.of(backend, state))
                        .description("jobs in the store by state and backend (as muster queue --all --count)")
                        .tags("state", state.name(), "backend", backend).register(r);
            }
        }
        Gauge.builder("muster.local.pool.cores", local, LocalScheduler::cores)
                .description("cores the local pool may keep busy").register(r);
        Gauge.builder("muster.local.pool.cores.busy", local, LocalScheduler::busyCores)
                .description("cores of the local pool its running jobs hold").register(r);
        Gauge.builder("muster.local.pool.memory", local, p -> p.memoryMb() * 1024.0 * 1024.0).baseUnit("bytes")
                .description("memory the local pool may hand out").register(r);
        Gauge.builder("muster.local.pool.memory.busy", local, p -> p.busyMemoryMb() * 1024.0 * 1024.0)
                .baseUnit("bytes").description("memory of the local pool its running jobs hold").register(r);
        Gauge.builder("muster.local.pool.jobs", local, LocalScheduler::running).tag("state", "running")
                .description("jobs in the local pool").register(r);
        Gauge.builder("muster.local.pool.jobs", local, LocalScheduler::queued).tag("state", "waiting")
                .description("jobs in the local pool").register(r);
        Gauge.builder("muster.queue.depth", counts, c -> waiting(c, backends))
                .description("jobs accepted but not yet running, on every backend (ACCEPTED, QUEUED, HELD)")
                .register(r);
        for (String queue : BROKER_QUEUES) {
            Gauge.builder("muster.broker.queue.messages", broker, b -> depth(b, queue)).tag("queue", queue)
                    .description("messages waiting on a broker queue").register(r);
        }
        timers.clear();
        counters.clear();
        pool = local;
        throughput = new Throughput(Clock.systemUTC());
        registry = r;
        sampler = Executors.newSingleThreadScheduledExecutor(t -> {
            Thread thread = new Thread(t, "muster-metrics-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::samplePool, 0, 5, TimeUnit.SECONDS);
    }

    private static double waiting(JobCounts counts, Set<String> backends) {
        double n = 0;
        for (String b : backends) {
            n += counts.of(b, JobState.ACCEPTED) + counts.of(b, JobState.QUEUED) + counts.of(b, JobState.HELD);
        }
        return n;
    }

    private static double depth(Broker broker, String queue) {
        long n = broker.messageCount(queue);
        return n < 0 ? Double.NaN : n;
    }

    private void samplePool() {
        LocalScheduler p = pool;
        if (p != null) {
            throughput.pool(p.busyCores(), p.cores());
        }
    }

    /** Stops measuring; what was counted goes with it. */
    public synchronized void close() {
        if (sampler != null) {
            sampler.shutdownNow();
            sampler = null;
        }
        PrometheusMeterRegistry r = registry;
        registry = null;
        pool = null;
        if (r != null) {
            r.close();
        }
    }

    /** The Prometheus text exposition of every meter, or null when not measuring. */
    public String scrape() {
        PrometheusMeterRegistry r = registry;
        JobCounts counts = jobCounts;
        if (counts != null) {
            counts.stale();
        }
        return r == null ? null : r.scrape();
    }

    /** Jobs ended and pool cores busy, minute by minute over the last hour. */
    public List<Throughput.Minute> lastHour() {
        samplePool();
        return throughput.lastHour();
    }

    /** Before the event publisher (default priority): a client that saw the event finds it counted. */
    void onJobChanged(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) JobChanged change) {
        PrometheusMeterRegistry r = registry;
        if (r == null) {
            return;
        }
        JobRecord job = change.job();
        String backend = job.backend() == null ? "none" : job.backend();
        JobState state = job.state();
        counter(r, "muster.job.transitions", "state changes of jobs, by the state entered and the backend",
                "state", state.name(), "backend", backend).increment();
        Instant now = Instant.now();
        if (change.previous() == null && state == JobState.ACCEPTED) {
            counter(r, "muster.submissions", "submissions by outcome (rejected ones by the kind of their first"
                    + " violation)", "outcome", "accepted", "reason", "none").increment();
        }
        if (change.previous() == JobState.ACCEPTED && job.submitted() != null) {
            timer(r, "muster.dispatch", "from acceptance until the backend took the job (or it ended first)",
                    backend).record(Duration.between(job.submitted(), now));
        }
        // a start is counted once: at RUNNING, or at the end of a job so short that its RUNNING was never seen
        boolean waited = change.previous() == null || change.previous() == JobState.ACCEPTED
                || change.previous() == JobState.QUEUED || change.previous() == JobState.HELD;
        boolean startedNow = state == JobState.RUNNING || (state.isFinal() && job.started() != null && waited);
        if (startedNow && job.submitted() != null) {
            Instant started = job.started() != null ? job.started() : now;
            timer(r, "muster.job.start.latency", "from the submission message's acceptance until the job started",
                    backend).record(Duration.between(job.submitted(), started).abs());
        }
        // the pool's use is sampled by the sampler thread, never here: an event may come from a thread that
        // holds locks the pool's monitor could wait for
        if (state.isFinal() && state != JobState.REJECTED) {
            throughput.ended(state == JobState.COMPLETED);
        }
    }

    void onRejected(@Observes SubmissionRejected rejected) {
        PrometheusMeterRegistry r = registry;
        if (r == null) {
            return;
        }
        counter(r, "muster.submissions", "submissions by outcome (rejected ones by the kind of their first"
                + " violation)", "outcome", "rejected", "reason", reasonKind(rejected.violations())).increment();
    }

    /**
     * What kind of mistake a rejection was, by its first violation's subject: {@code body} (not
     * JSON, not an object), {@code command}, {@code backend}, {@code profile}, {@code user} (not the
     * broker login), {@code option} (a catalogue option's value) or {@code unknown_option}.
     */
    static String reasonKind(List<Violation> violations) {
        if (violations.isEmpty()) {
            return "unknown";
        }
        String subject = violations.get(0).option();
        if (subject == null) {
            return "unknown";
        }
        return switch (subject) {
            case "body", "command", "backend", "profile", "user", "requestId", "name" -> subject.equals("name")
                    ? "option" : subject;
            default -> Keywords.find(subject).isPresent() ? "option" : "unknown_option";
        };
    }

    /** Called by {@link TimedCommandRunner} after each scheduler command. */
    void schedulerCommand(String backend, String program, Duration took, boolean failed) {
        PrometheusMeterRegistry r = registry;
        if (r == null) {
            return;
        }
        String key = "cmd|" + backend + "|" + program;
        timers.computeIfAbsent(key, k -> Timer.builder("muster.scheduler.command")
                .description("scheduler commands (sbatch, squeue, sacct, qsub, qstat, ...) by backend and program;"
                        + " the status polls are squeue, sacct and qstat")
                .tags("backend", backend, "command", program).serviceLevelObjectives(BUCKETS).register(r))
                .record(took);
        Counter failures = counter(r, "muster.scheduler.command.failures",
                "scheduler commands that failed: non-zero exit, time-out, or not startable", "backend", backend,
                "command", program);
        if (failed) {
            failures.increment();
        }
    }

    private Timer timer(PrometheusMeterRegistry r, String name, String help, String backend) {
        return timers.computeIfAbsent(name + "|" + backend, k -> Timer.builder(name).description(help)
                .tags("backend", backend).serviceLevelObjectives(BUCKETS).register(r));
    }

    private Counter counter(PrometheusMeterRegistry r, String name, String help, String... tags) {
        return counters.computeIfAbsent(name + "|" + String.join("|", tags),
                k -> Counter.builder(name).description(help).tags(Tags.of(tags)).register(r));
    }
}
