package io.muster.bench;

import io.muster.api.JobId;
import io.muster.cli.Container;
import io.muster.cli.Logs;
import io.muster.config.ConfigLoader;
import io.muster.config.Executables;
import io.muster.job.JobFiles;
import io.muster.options.JobOptions;
import io.muster.scheduler.JobScript;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.server.MusterServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.WeldContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * bench/local-bench.sh: the local pool's benchmark, in one run on one machine.
 *
 * <ol>
 *   <li>Baselines: the same {@code --jobs} commands ({@code true}) through {@code xargs -P<cores>},
 *       each through {@code bash -c} as Muster runs it and exec'd directly, and through GNU
 *       {@code parallel -j<cores>} if it is installed.</li>
 *   <li>The local pool alone: the same jobs handed straight to a {@link LocalScheduler}, to
 *       tell its cost from the rest of the path.</li>
 *   <li>Muster end to end: a server in this process (embedded broker, job store, batch engine,
 *       local pool of {@code --cores}); {@code --jobs} JSON messages onto {@code muster.submit}
 *       as fast as they go, their final events read back from {@code muster.events}: once on the
 *       server just started, and again after {@code --steady} more jobs, when the JIT compiler has
 *       done most of its work (on 2 cores it takes about half of the CPU of the first burst).</li>
 *   <li>Latency: {@code --paced} jobs, one every {@code --pace}, so none waits for a slot;
 *       message sent → the wrapper's {@code $EPOCHREALTIME} in its {@code started} file.</li>
 *   <li>CPU-bound: {@code --cpu-jobs} jobs that each keep a core busy for
 *       {@code --cpu-seconds}; how much of the pool's slot time they filled, and how busy the
 *       machine's CPUs were meanwhile.</li>
 *   <li>In flight: {@code --in-flight} jobs of {@code sleep 3600}, almost all waiting for a
 *       slot: the JVM's threads and its heap after a full GC, how long a count of the queue
 *       takes, and how long one cancel request for all of them takes to end every one.</li>
 * </ol>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the local pool end to end against xargs (and GNU parallel).")
public final class BenchCommand implements Callable<Integer> {

    /** What bench/local-bench.sh runs: the flags as {@code --help} lists them. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Option(names = "--jobs", description = "trivial jobs for the throughput run, 0 to skip it and its baselines"
            + " (default: ${DEFAULT-VALUE})")
    int jobs = 1000;

    @Option(names = "--cores", description = "cores of the local pool, and -P of xargs (default: ${DEFAULT-VALUE})")
    int cores = 2;

    @Option(names = "--paced", description = "jobs for the latency run, 0 to skip it (default: ${DEFAULT-VALUE})")
    int paced = 200;

    @Option(names = "--pace", description = "time between two jobs of the latency run (default: ${DEFAULT-VALUE})")
    Duration pace = Duration.ofMillis(20);

    @Option(names = "--cpu-jobs", description = "jobs for the CPU-bound run, 0 to skip it (default: ${DEFAULT-VALUE})")
    int cpuJobs = 20;

    @Option(names = "--cpu-seconds", description = "busy time of each CPU-bound job (default: ${DEFAULT-VALUE})")
    double cpuSeconds = 1.0;

    @Option(names = "--in-flight", description = "jobs kept in flight, then cancelled; 0 to skip (default: ${DEFAULT-VALUE})")
    int inFlight = 10_000;

    @Option(names = "--settle", description = "seconds the in-flight jobs wait before the threads are counted again;"
            + " the broker's pools end threads idle for 60 s (default: ${DEFAULT-VALUE}, 0 to skip)")
    int settle = 65;

    @Option(names = "--warmup", description = "jobs run first and not counted (default: ${DEFAULT-VALUE})")
    int warmup = 100;

    @Option(names = "--steady", description = "jobs run after the first burst, before the same burst again: on a"
            + " server just started the JIT compiler takes about half of the CPU, on one that has run a while it"
            + " is done; 0 skips the second burst (default: ${DEFAULT-VALUE})")
    int steady = 30_000;

    @Option(names = "--data-dir", description = "where the server keeps its data (default: a new temporary directory)")
    Path dataDir;

    @Option(names = "--keep", description = "keep the data directory afterwards")
    boolean keep;

    @Option(names = "--thread-cpu", description = "also print the CPU time of the burst per group of JVM threads")
    boolean threadCpu;

    @Option(names = "--servers", description = "compare this many servers sharing --broker-url and --database-url"
            + " against one (each with a pool of --cores); only the burst runs (default: ${DEFAULT-VALUE})")
    int servers = 1;

    @Option(names = "--broker-url", description = "the broker the --servers share (login from MUSTER_BROKER_USER,"
            + " MUSTER_BROKER_PASSWORD)")
    String brokerUrl;

    @Option(names = "--database-url", description = "the PostgreSQL database the --servers share (login from"
            + " MUSTER_DATABASE_USER, MUSTER_DATABASE_PASSWORD)")
    String databaseUrl;

    @Override
    public Integer call() throws Exception {
        Logs.configure(true);
        Path dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("muster-bench-");
        if (servers > 1) {
            if (brokerUrl == null || databaseUrl == null) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--servers " + servers + " needs --broker-url and --database-url: the servers share them");
            }
            try {
                double one = sharedBurst(1, dir);
                double many = sharedBurst(servers, dir);
                System.out.printf(Locale.ROOT, "  %d servers / 1 server: %.2fx%n", servers, many / one);
            } finally {
                if (!keep && dataDir == null) {
                    delete(dir);
                }
            }
            return 0;
        }
        System.out.printf(Locale.ROOT, "Local pool benchmark: %d x 'true', %d cores (machine: %d CPUs, load average %s),"
                + " data in %s%n", jobs, cores, Runtime.getRuntime().availableProcessors(), loadAverage(), dir);
        System.out.println(fileCost(dir, "start"));
        List<String[]> rows = new ArrayList<>();
        try {
            // the baselines run before the server starts, so that it does not take their CPU
            Baselines baselines = jobs > 0 ? baselines(dir, rows) : null;
            muster(dir, rows, baselines);
            System.out.println(fileCost(dir, "end"));
            System.out.println("Load average at the end: " + loadAverage());
        } finally {
            if (!keep && dataDir == null) {
                delete(dir);
            }
        }
        return 0;
    }

    /** The rates of the same jobs without Muster, in jobs per second; parallel is NaN when not installed. */
    private record Baselines(double bashC, double exec, double parallel, double pool) {
    }

    private Baselines baselines(Path dir, List<String[]> rows) throws Exception {
        double bashC = baseline(rows, "xargs -P" + cores + " bash -c 'true'",
                List.of("xargs", "-d", "\\n", "-n", "1", "-P", String.valueOf(cores), "bash", "-c"), dir);
        double exec = baseline(rows, "xargs -P" + cores + " true (exec, no shell)",
                List.of("xargs", "-d", "\\n", "-n", "1", "-P", String.valueOf(cores)), dir);
        double parallel = Executables.onPath("parallel").isPresent()
                ? baseline(rows, "parallel -j" + cores, List.of("parallel", "-j", String.valueOf(cores)), dir)
                : Double.NaN;
        if (Double.isNaN(parallel)) {
            rows.add(new String[] {"parallel -j" + cores, "not installed", ""});
        }
        return new Baselines(bashC, exec, parallel, poolAlone(dir, rows));
    }

    /** @param baselines null without a throughput run ({@code --jobs 0}) */
    private void muster(Path dir, List<String[]> rows, Baselines baselines) throws Exception {
        WeldContainer container = Container.start();
        MusterServer muster = container.select(MusterServer.class).get();
        try {
            muster.start(ConfigLoader.load().withDataDir(dir.resolve("muster")).withBrokerPort(0).withHttpPort(0)
                    .withLocalCores(cores));
            try (LocalPoolBench bench = new LocalPoolBench(muster.broker().connectionFactory())) {
                Duration timeout = Duration.ofMinutes(10);
                if (warmup > 0) {
                    bench.run("warmup", "true", warmup, Duration.ZERO, timeout);
                }
                if (baselines != null) {
                    throughput(bench, rows, timeout, baselines);
                }

                if (paced > 0) {
                    LocalPoolBench.Phase latency = bench.run("paced", "true", paced, pace, timeout);
                    List<Double> ms = LocalPoolBench.latencies(latency.jobs());
                    System.out.printf(Locale.ROOT, "Latency, message sent -> process started (%d jobs, one every %d"
                                    + " ms): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", paced,
                            pace.toMillis(), LocalPoolBench.percentile(ms, 50), LocalPoolBench.percentile(ms, 90),
                            LocalPoolBench.percentile(ms, 99), ms.isEmpty() ? Double.NaN : ms.get(ms.size() - 1));
                }

                if (cpuJobs > 0) {
                    cpuBound(bench, timeout);
                }
                if (inFlight > 0) {
                    inFlight(muster, bench);
                }
            }
        } finally {
            muster.stop();
            container.shutdown();
        }
    }

    /** The two bursts of trivial jobs (just started, then --steady jobs later) and their ratios. */
    private void throughput(LocalPoolBench bench, List<String[]> rows, Duration timeout, Baselines baselines)
            throws Exception {
        Burst cold = burst(bench, timeout);
        // a --warmup of many jobs makes the first burst a warm one too: say which it was
        String first = warmup <= 1000 ? "just started" : "after " + warmup + " jobs";
        rows.add(new String[] {"muster, " + first, fmt("%d jobs in %.2f s", jobs, cold.seconds()),
                fmt("%.0f jobs/s", cold.rate())});
        Burst warm = null;
        if (steady > 0) {
            bench.run("steady", "true", steady, Duration.ZERO, timeout);
            warm = burst(bench, timeout);
            rows.add(new String[] {"muster, " + steady + " jobs later", fmt("%d jobs in %.2f s", jobs,
                    warm.seconds()), fmt("%.0f jobs/s", warm.rate())});
        }
        for (String[] row : rows) {
            System.out.printf(Locale.ROOT, "  %-34s %-22s %s%n", row[0], row[1], row[2]);
        }
        cold.print(first, baselines);
        if (warm != null) {
            warm.print(steady + " jobs later", baselines);
        }
    }

    /** The throughput run, with the CPU it cost this JVM. */
    private Burst burst(LocalPoolBench bench, Duration timeout) throws Exception {
        // read before the CPU counter starts: the reading itself is not the burst's cost
        java.util.Map<String, Long> threadsBefore = threadCpu();
        long cpuBefore = processCpuNanos();
        LocalPoolBench.Phase burst = bench.run("burst", "true", jobs, Duration.ZERO, timeout);
        double cpuPerJob = (processCpuNanos() - cpuBefore) / 1e6 / jobs;
        java.util.Map<String, Long> after = threadCpu();
        if (threadCpu) {
            after.entrySet().stream()
                    .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 10_000_000L)
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf(Locale.ROOT, "    %8.1f ms  %s%n", e.getValue() / 1e6, e.getKey()));
        }
        // compiler threads come and go (they are made as the queue of methods to compile grows): a gone
        // thread's time is lost to the sum, so a negative difference counts as none
        double jitPerJob = Math.max(0, (after.getOrDefault(JIT, 0L) - threadsBefore.getOrDefault(JIT, 0L)) / 1e6 / jobs);
        long failed = burst.jobs().stream().filter(j -> !j.state().equals("COMPLETED")).count();
        return new Burst(burst.jobsPerSecond(), LocalPoolBench.seconds(burst.wall()), cpuPerJob, jitPerJob,
                LocalPoolBench.occupancy(burst.jobs(), cores), failed);
    }

    private static final String JIT = "JVM: JIT compiler threads";

    private record Burst(double rate, double seconds, double cpuPerJob, double jitPerJob, double occupancy,
                         long failed) {
        void print(String when, Baselines b) {
            System.out.printf(Locale.ROOT, "  muster, %s: / xargs bash -c %.2fx, / xargs exec %.2fx%s, / pool alone"
                            + " %.2fx%s%n", when, rate / b.bashC(), rate / b.exec(),
                    Double.isNaN(b.parallel()) ? "" : fmt(", / parallel %.2fx", rate / b.parallel()), rate / b.pool(),
                    failed == 0 ? "" : "   (" + failed + " jobs did not complete!)");
            System.out.printf(Locale.ROOT, "    pool slots filled: %.1f%%; CPU of this JVM (server and client) per"
                    + " job: %.2f ms, of which the JIT compiler %.2f ms%n", 100 * occupancy, cpuPerJob, jitPerJob);
        }
    }

    /** The burst through {@code n} servers on the shared broker and database; its rate in jobs per second. */
    private double sharedBurst(int n, Path dir) throws Exception {
        java.util.Map<String, String> env = System.getenv();
        io.muster.config.ExternalBrokerSettings broker = new io.muster.config.ExternalBrokerSettings(brokerUrl,
                env.get("MUSTER_BROKER_USER"), env.get("MUSTER_BROKER_PASSWORD"));
        List<WeldContainer> containers = new ArrayList<>();
        List<MusterServer> started = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                WeldContainer container = Container.start("muster-bench-" + n + "-" + i);
                containers.add(container);
                MusterServer server = container.select(MusterServer.class).get();
                server.start(ConfigLoader.load().withDataDir(dir.resolve("muster-" + n + "-" + i)).withBrokerPort(0)
                        .withHttpPort(0).withLocalCores(cores).withExternalBroker(broker)
                        .withDatabase(databaseUrl, env.get("MUSTER_DATABASE_USER"), env.get("MUSTER_DATABASE_PASSWORD")));
                started.add(server);
            }
            try (org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory factory =
                         new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(broker.url(), broker.user(),
                                 broker.password());
                 LocalPoolBench bench = new LocalPoolBench(factory)) {
                Duration timeout = Duration.ofMinutes(10);
                if (warmup > 0) {
                    bench.run("warmup", "true", warmup, Duration.ZERO, timeout);
                }
                LocalPoolBench.Phase burst = bench.run("burst", "true", jobs, Duration.ZERO, timeout);
                long failed = burst.jobs().stream().filter(j -> !j.state().equals("COMPLETED")).count();
                System.out.printf(Locale.ROOT, "  %d server(s), %d cores each, one broker and database: %d jobs in %.2f s,"
                        + " %.0f jobs/s%s%n", n, cores, jobs, LocalPoolBench.seconds(burst.wall()), burst.jobsPerSecond(),
                        failed == 0 ? "" : " (" + failed + " did not complete!)");
                return burst.jobsPerSecond();
            }
        } finally {
            for (MusterServer server : started) {
                server.stop();
            }
            containers.forEach(WeldContainer::shutdown);
        }
    }

    /** Many jobs waiting at once: what they cost the server, and how fast it answers and cancels them. */
    private void inFlight(MusterServer muster, LocalPoolBench bench) throws Exception {
        int threadsBefore = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        long start = System.nanoTime();
        bench.send("in-flight", "sleep 3600", inFlight);
        io.muster.store.JobFilter all = io.muster.store.JobFilter.all()
                .withStates(java.util.EnumSet.of(io.muster.api.JobState.QUEUED, io.muster.api.JobState.RUNNING));
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (muster.store().countByState(all).values().stream().mapToInt(Integer::intValue).sum() < inFlight) {
            if (System.nanoTime() > deadline) {
                throw new java.util.concurrent.TimeoutException("in flight: not all " + inFlight + " jobs were handed over");
            }
            Thread.sleep(100);
        }
        double accepted = (System.nanoTime() - start) / 1e9;
        int threads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        String burstThreads = threadNames();
        int settled = -1;
        String settledThreads = "";
        if (settle > 0) {
            Thread.sleep(settle * 1000L);
            settled = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
            settledThreads = threadNames();
        }
        System.gc();
        long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        try (io.muster.client.Muster client = io.muster.client.Muster.connect(muster.broker().clientUrl())) {
            client.requestTimeout(Duration.ofMinutes(2));
            long countStart = System.nanoTime();
            int counted = client.queue().count();
            double countMs = (System.nanoTime() - countStart) / 1e6;
            List<String> ids = muster.store().find(all).stream().map(j -> j.id().value()).toList();
            long cancelStart = System.nanoTime();
            client.cancel(ids);
            while (muster.store().countByState(all).values().stream().mapToInt(Integer::intValue).sum() > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double cancelS = (System.nanoTime() - cancelStart) / 1e9;
            Thread.sleep(500);
            long left = ProcessHandle.allProcesses().filter(p -> runsIn(p, muster.config().workRoot())).count();
            System.out.printf(Locale.ROOT, "In flight: %d x 'sleep 3600' on %d cores, all handed over in %.1f s;"
                            + " JVM threads %d (before %d)%s; heap after a full GC %.0f MB%n", inFlight, cores, accepted,
                    threads, threadsBefore, settled < 0 ? "" : fmt(", %d after %d s more in flight", settled, settle),
                    heap / 1e6);
            System.out.printf(Locale.ROOT, "  queue count (%d jobs) answered in %.0f ms; one cancel of all %d: every job"
                    + " ended in %.1f s; processes of theirs left: %d%n", counted, countMs, ids.size(), cancelS, left);
            System.out.println("  threads by name, all handed over: " + burstThreads);
            if (settled >= 0) {
                System.out.println("  threads by name, " + settle + " s later: " + settledThreads);
            }
        }
    }

    /** True for a process whose working directory is inside {@code root} (a job's, or its children's). */
    private static boolean runsIn(ProcessHandle p, Path root) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(p.pid()), "cwd")).startsWith(root);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Live threads counted by name, digits folded, largest groups first. */
    private static String threadNames() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        Thread.getAllStackTraces().keySet().forEach(t -> byName.merge(t.getName().replaceAll("[0-9]+", "N"), 1L, Long::sum));
        return byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8).map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The same jobs straight into a {@link LocalScheduler}: the pool's own cost, without broker, batch or store. */
    private double poolAlone(Path dir, List<String[]> rows) throws Exception {
        Path root = Files.createDirectories(dir.resolve("pool-alone"));
        try (LocalScheduler pool = new LocalScheduler(cores, 1024)) {
            List<JobSubmission> all = new ArrayList<>();
            for (int i = 0; i < jobs + warmup; i++) {
                JobId id = JobId.generate();
                JobFiles files = new JobFiles(JobFiles.dirFor(root, id));
                JobScript.write(files, "true", java.util.Map.of());
                all.add(new JobSubmission(id, "true", JobOptions.fromNormalised(java.util.Map.of()), files, List.of(),
                        false));
            }
            List<java.util.concurrent.CompletableFuture<?>> ends = new ArrayList<>();
            for (JobSubmission job : all.subList(0, warmup)) {
                ends.add(pool.run(job));
            }
            java.util.concurrent.CompletableFuture.allOf(ends.toArray(new java.util.concurrent.CompletableFuture[0])).get();
            ends.clear();
            long start = System.nanoTime();
            for (JobSubmission job : all.subList(warmup, all.size())) {
                ends.add(pool.run(job));
            }
            java.util.concurrent.CompletableFuture.allOf(ends.toArray(new java.util.concurrent.CompletableFuture[0])).get();
            double seconds = (System.nanoTime() - start) / 1e9;
            rows.add(new String[] {"local pool alone (" + spawnerName() + ")", fmt("%d jobs in %.2f s", jobs, seconds),
                    fmt("%.0f jobs/s", jobs / seconds)});
            return jobs / seconds;
        }
    }

    private static String spawnerName() {
        return "jvm".equals(System.getProperty(LocalScheduler.SPAWNER_PROPERTY)) ? "JVM spawner" : "Perl spawner";
    }

    private void cpuBound(LocalPoolBench bench, Duration timeout) throws Exception {
        // a bash busy loop on the wall clock: one core fully busy for cpuSeconds, nothing else
        long micros = Math.round(cpuSeconds * 1e6);
        String command = "end=$(( ${EPOCHREALTIME/./} + " + micros + " )); while (( ${EPOCHREALTIME/./} < end )); do :; done";
        CpuTimes before = CpuTimes.read();
        LocalPoolBench.Phase cpu = bench.run("cpu", command, cpuJobs, Duration.ZERO, timeout);
        CpuTimes after = CpuTimes.read();
        double ideal = cpuJobs * cpuSeconds / cores;
        System.out.printf(Locale.ROOT, "CPU-bound: %d jobs x %.1f s busy on %d cores: all done in %.2f s (ideal %.2f s,"
                        + " %.1f%% of it)%n", cpuJobs, cpuSeconds, cores, LocalPoolBench.seconds(cpu.wall()), ideal,
                100 * ideal / LocalPoolBench.seconds(cpu.wall()));
        System.out.printf(Locale.ROOT, "  pool utilisation (job run time / cores x first start..last end): %.1f%%;"
                        + " machine CPUs busy meanwhile: %s%n", 100 * LocalPoolBench.occupancy(cpu.jobs(), cores),
                before == null || after == null ? "n/a" : fmt("%.1f%%", 100 * after.busySince(before)));
    }

    /** Runs {@code jobs} lines of {@code true} through {@code command} on stdin; returns jobs per second. */
    private double baseline(List<String[]> rows, String label, List<String> command, Path dir)
            throws IOException, InterruptedException {
        Path input = dir.resolve("commands.txt");
        Files.writeString(input, "true\n".repeat(jobs));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectInput(input.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            rows.add(new String[] {label, "failed, exit code " + code, ""});
            return Double.NaN;
        }
        rows.add(new String[] {label, fmt("%d jobs in %.2f s", jobs, seconds), fmt("%.0f jobs/s", jobs / seconds)});
        return jobs / seconds;
    }

    /**
     * CPU time of the live threads, summed by name with digits dropped (pools of threads add up). The JVM's own
     * threads (JIT compilers, garbage collector) are no Java threads, so they are read from /proc; on a short run
     * they can cost as much as all the others together.
     */
    private static java.util.Map<String, Long> threadCpu() {
        java.util.Map<String, Long> out = javaThreadCpu();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            long nanosPerTick = 1_000_000_000L / 100; // USER_HZ is 100 on every Linux the JVM runs on
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // the name is in parentheses and may hold spaces; utime and stime are fields 14 and 15
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                String group = name.contains("CompilerThre") ? JIT
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") ? "JVM: garbage collector threads"
                        : name.startsWith("VM ") ? "JVM: VM thread" : null;
                if (group != null) {
                    out.merge(group, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * nanosPerTick, Long::sum);
                }
            }
        } catch (IOException | RuntimeException noProc) {
            // not Linux: only the Java threads are shown
        }
        return out;
    }

    private static java.util.Map<String, Long> javaThreadCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    out.merge(info.getThreadName().replaceAll("[0-9]+", "N"), t, Long::sum);
                }
            }
        }
        return out;
    }

    /** The 1-minute load average: others' work on the machine skews every figure above. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }


    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /**
     * What a job's files cost to create in the data directory right now: a directory and two small
     * files, as the hand-over writes them, 200 times. On ext4 this grows 10-30 times for a while
     * after many files were deleted (its inode allocator looks through the recently deleted ones),
     * and that state, not Muster, is most of the difference between two runs.
     */
    static String fileCost(Path dir, String when) throws IOException {
        Path probe = Files.createDirectories(dir.resolve("file-cost-" + when));
        int n = 200;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Path job = Files.createDirectory(probe.resolve(String.valueOf(i)));
            Files.writeString(job.resolve("job.sh"), "#!/bin/bash\ntrue\n");
            Files.writeString(job.resolve("wrapper.sh"), "#!/bin/bash\n");
        }
        double micros = (System.nanoTime() - start) / 1e3 / n;
        return fmt("File system at the %s: a job's directory and two scripts take %.0f us to create%s", when, micros,
                micros > 1000 ? " (over 1 ms: on a local disk, a sign that many files were deleted here recently; the figures will be low and noisy)" : "");
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The machine's CPU time counters from {@code /proc/stat}: busy and total. */
    private record CpuTimes(long busy, long total) {
        static CpuTimes read() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new CpuTimes(total - idle, total);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        double busySince(CpuTimes before) {
            return (double) (busy - before.busy) / (total - before.total);
        }
    }
}
