package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.Destinations;
import io.muster.api.JobState;
import io.muster.client.JobInfo;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import io.muster.config.MusterConfig;
import io.muster.scheduler.sge.SgeCell;
import io.muster.scheduler.slurm.SlurmCluster;
import io.muster.scheduler.torque.PbsCommands;
import io.muster.testing.FlowXml;
import io.muster.testing.PackagedServer;
import io.muster.testing.Processes;
import io.muster.testing.RealService;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.File;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash drill: the packaged server is killed with SIGKILL while a burst of jobs comes in or
 * runs, on the local pool and on the real Slurm, Torque (Slurm's PBS commands) and Grid Engine,
 * then started again on the same data directory. Every job the broker took ends with its own exit
 * code and output, and none runs twice: each job appends one line to a marker file of its own,
 * and the lines are counted, per backend.
 */
class CrashBurstIT {

    private static final Duration WAIT = Duration.ofMinutes(4);
    /** Trials killed at a random moment of the burst, after the one killed with every job in flight. */
    private static final int RANDOM_TRIALS = 5;

    @TempDir
    Path data;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        PackagedServer.stopIfAlive(server);
    }

    /**
     * One job of a trial and how it must end: in {@code state} with {@code exitCode}, printing
     * {@code stdout}, its command run {@code runs} times (a line each in its marker file).
     */
    private record Planned(String requestId, String backend, String command, List<String> depends, JobState state,
                           Integer exitCode, String stdout, int runs) {
    }

    /** What one trial sends, in order, and the flow it starts. */
    private record Burst(String prefix, List<Planned> jobs, Path flowDir) {
        Planned job(String requestId) {
            return jobs.stream().filter(j -> j.requestId().equals(requestId)).findFirst().orElseThrow();
        }
    }

    /**
     * Jobs of one backend over every trial: ran as planned (once; never for a failed parent's
     * child), lost (confirmed, ran less), ran twice or more, unconfirmed and never ran.
     */
    private static final class Counts {
        int once;
        int lost;
        int twice;
        int notTaken;

        @Override
        public String toString() {
            return once + " ran as planned, " + lost + " lost, " + twice + " ran twice, " + notTaken
                    + " unconfirmed never ran";
        }
    }

    private static final List<String> BACKENDS = List.of("local", "slurm", "torque", "sge");
    private final Map<String, Counts> totals = new LinkedHashMap<>();
    private final SoftAssertions softly = new SoftAssertions();
    /** The servers' logs, one per start, kept after the test (the data directory is not). */
    private final Path logs = Path.of("target", "crash-burst-logs");
    private int starts;
    private int flowsEnded;
    private int flowStepsTwice;

    @Test
    void aServerKilledWithJobsInFlightOrArrivingLosesNoneAndRunsNoneTwice() throws Exception {
        SlurmCluster.assumeRunning();
        RealService.require(PbsCommands.whyUnavailable());
        SgeCell.assumeRunning();
        long seed = Long.getLong("muster.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("CrashBurstIT seed " + seed + " (replay with -Dmuster.crash.seed=" + seed + ")");
        int port = TestServer.freePort();
        Files.createDirectories(data.resolve("markers"));
        List<String> report = new ArrayList<>();

        // trial 0: 200 local, 50 Slurm, 20 Torque and 20 Grid Engine jobs, all accepted, killed while they run or wait
        server = startServer(port);
        Burst inFlight = burst(port, "in-flight-", Map.of("local", 200, "slurm", 50, "torque", 20, "sge", 20));
        Set<String> sent = send(port, inFlight, ConcurrentHashMap.newKeySet());
        await().atMost(WAIT).until(() -> accepted(port, inFlight.prefix()) == inFlight.jobs().size());
        kill();
        report.add(check(port, inFlight, sent, Set.of()));

        // trials 1..n: mixed bursts, the server killed at a random moment of their arrival and hand-over
        for (int t = 1; t <= RANDOM_TRIALS; t++) {
            server = server == null || !server.isAlive() ? startServer(port) : server;
            Burst burst = burst(port, "burst-" + t + "-", Map.of("local", 40, "slurm", 10, "torque", 10, "sge", 10));
            long killAfterMs = 200 + random.nextInt(2500);
            Set<String> maybe = ConcurrentHashMap.newKeySet();
            Set<String> taken = sendAndKill(port, burst, killAfterMs, maybe);
            report.add(check(port, burst, taken, maybe) + " (killed after " + killAfterMs + " ms)");
        }
        stopServer();
        report.forEach(line -> System.out.println("CrashBurstIT " + line));
        totals.forEach((backend, counts) -> System.out.println("CrashBurstIT total " + backend + ": " + counts));
        System.out.println("CrashBurstIT flows: " + flowsEnded + " of " + (RANDOM_TRIALS + 1) + " ended with every step"
                + " once; " + flowStepsTwice + " step jobs ran twice");
        // every trial runs and is counted before any failure is told, so the counts measure every backend
        softly.assertAll();
    }

    /**
     * A trial: before the burst, a parent per backend that succeeds after 2 s and one that fails,
     * submitted and accepted (so they run across the kill), and a flow with a step on each
     * backend; then {@code counts} plain jobs per backend, interleaved evenly so that a kill finds
     * every backend mid-burst, with a child of each parent a third of the way in (afterok: the
     * successful parent's child runs once after it, the failed one's never).
     */
    private Burst burst(int port, String prefix, Map<String, Integer> counts) throws Exception {
        record Slot(String backend, double at) {
        }
        List<Slot> slots = new ArrayList<>();
        counts.forEach((backend, n) -> {
            for (int j = 0; j < n; j++) {
                slots.add(new Slot(backend, (j + 0.5) / n));
            }
        });
        slots.sort(java.util.Comparator.comparingDouble(Slot::at).thenComparing(Slot::backend));
        List<Planned> jobs = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            String id = prefix + i;
            jobs.add(new Planned(id, slots.get(i).backend(), marked(id) + "sleep 0.3; echo out-" + i + "; exit " + (i % 3),
                    List.of(), i % 3 == 0 ? JobState.COMPLETED : JobState.FAILED, i % 3, "out-" + i + "\n", 1));
        }
        List<Planned> children = new ArrayList<>();
        try (Muster client = Muster.connect(url(port))) {
            for (String backend : BACKENDS) {
                String good = prefix + "parent-" + backend;
                String bad = prefix + "failing-parent-" + backend;
                String goodId = client.submit(JobRequest.command(marked(good) + "sleep 2; touch '" + marker(good)
                        + ".done'").backend(backend).requestId(good)).id();
                String badId = client.submit(JobRequest.command(marked(bad) + "sleep 1; exit 1").backend(backend)
                        .requestId(bad)).id();
                jobs.add(0, new Planned(good, backend, null, List.of(), JobState.COMPLETED, 0, "", 1));
                jobs.add(0, new Planned(bad, backend, null, List.of(), JobState.FAILED, 1, "", 1));
                String child = prefix + "child-" + backend;
                children.add(new Planned(child, backend, marked(child) + "test -e '" + marker(good)
                        + ".done' || exit 97; echo after", List.of(goodId), JobState.COMPLETED, 0, "after\n", 1));
                String orphan = prefix + "orphan-" + backend;
                children.add(new Planned(orphan, backend, marked(orphan) + "echo never", List.of(badId),
                        JobState.DEPENDENCY_FAILED, null, null, 0));
            }
        }
        int third = jobs.size() / 3;
        jobs.addAll(third, children);
        Path flowDir = Files.createDirectories(data.resolve("flows").resolve(prefix));
        startFlow(port, prefix, flowDir);
        return new Burst(prefix, jobs, flowDir);
    }

    /** The start of a job's command: one line in its marker file per run. */
    private String marked(String requestId) {
        return "echo run >> '" + marker(requestId) + "'; ";
    }

    private Path marker(String requestId) {
        return data.resolve("markers").resolve(requestId);
    }

    /**
     * Starts a flow of four steps, one per backend, each appending to its own runs file and
     * adding a line to what the step before it wrote; confirmed by the broker, not waited for.
     */
    private void startFlow(int port, String prefix, Path dir) throws Exception {
        FlowXml flow = FlowXml.flow("crash-" + prefix.replaceAll("[^a-z0-9]", ""))
                .step("a", "echo run >> a.runs; sleep 1; echo a > a.tmp && mv a.tmp a.txt").property("backend", "local")
                .step("b", "echo run >> b.runs; { cat a.txt; echo b; } > b.tmp && mv b.tmp b.txt").property("backend", "slurm")
                .step("c", "echo run >> c.runs; { cat b.txt; echo c; } > c.tmp && mv c.tmp c.txt").property("backend", "torque")
                .step("d", "echo run >> d.runs; { cat c.txt; echo d; } > d.tmp && mv d.tmp d.txt").property("backend", "sge");
        Path xml = flow.writeTo(dir.resolveSibling(dir.getFileName() + ".xml"));
        sending(port, (session, producer) -> producer.send(session.createTextMessage("{\"requestId\":\"" + prefix
                + "flow\",\"flow\":\"" + xml + "\",\"parameters\":{\"workDir\":\"" + dir + "\"}}")));
    }

    @FunctionalInterface
    private interface Sends {
        void send(Session session, MessageProducer producer) throws JMSException;
    }

    /** Sends persistent messages onto muster.submit, each confirmed by the broker before the next. */
    private static void sending(int port, Sends sends) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url(port));
        factory.setBlockOnDurableSend(true);
        try (factory; Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.SUBMIT_QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            sends.send(session, producer);
        }
    }

    /**
     * Sends on one thread and kills the server from this one after {@code killAfterMs}; a send the
     * broker did not confirm goes to {@code maybe} (it may have been taken all the same).
     */
    private Set<String> sendAndKill(int port, Burst burst, long killAfterMs, Set<String> maybe) throws Exception {
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        Thread sender = new Thread(() -> {
            try {
                confirmed.addAll(send(port, burst, maybe));
            } catch (JMSException e) {
                // the connection died with the server: what was confirmed is in confirmed already
            }
        });
        sender.start();
        Thread.sleep(killAfterMs);
        kill();
        sender.join(TimeUnit.MINUTES.toMillis(1));
        return confirmed;
    }

    /**
     * Sends the burst's jobs not submitted already, one persistent message after another, each
     * confirmed by the broker; the ids confirmed (the parents' among them). From the first send
     * that fails (the server died), the rest go to {@code maybe}.
     */
    private Set<String> send(int port, Burst burst, Set<String> maybe) throws JMSException {
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        sending(port, (session, producer) -> {
            boolean failed = false;
            for (Planned job : burst.jobs()) {
                if (job.command() == null) {
                    confirmed.add(job.requestId()); // submitted and accepted before the burst
                    continue;
                }
                if (failed) {
                    maybe.add(job.requestId()); // never sent, but one would be just as wrong run twice
                    continue;
                }
                String depends = job.depends().isEmpty() ? ""
                        : ",\"options\":{\"depends\":[\"" + String.join("\",\"", job.depends()) + "\"]}";
                String body = "{\"requestId\":\"" + job.requestId() + "\",\"backend\":\"" + job.backend()
                        + "\",\"command\":\"" + job.command().replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                        + depends + "}";
                try {
                    producer.send(session.createTextMessage(body));
                    confirmed.add(job.requestId());
                } catch (JMSException | RuntimeException e) {
                    maybe.add(job.requestId());
                    failed = true;
                }
            }
        });
        return confirmed;
    }

    private void kill() throws InterruptedException {
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private long accepted(int port, String prefix) {
        try (Muster client = Muster.connect(url(port))) {
            return client.queue().all().list().stream().filter(j -> j.requestId() != null
                    && j.requestId().startsWith(prefix)).count();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Starts the server again, sends a late child of each successful parent (its parent accepted
     * before the kill, it after), and waits for every confirmed job's end and the flow's; then
     * each job ended as planned, with its output, and ran as often as planned (an unconfirmed
     * one at most once), and each step of the flow ran once.
     */
    private String check(int port, Burst burst, Set<String> confirmed, Set<String> maybe) throws Exception {
        server = startServer(port);
        List<Planned> late = new ArrayList<>();
        try (Muster client = Muster.connect(url(port))) {
            for (String backend : BACKENDS) {
                String parent = client.queue().all().list().stream()
                        .filter(j -> (burst.prefix() + "parent-" + backend).equals(j.requestId()))
                        .findFirst().orElseThrow().jobId();
                String id = burst.prefix() + "late-" + backend;
                client.submit(JobRequest.command(marked(id) + "test -e '" + marker(burst.prefix() + "parent-" + backend)
                        + ".done' || exit 97; echo late").backend(backend).requestId(id).dependsOn(parent));
                late.add(new Planned(id, backend, null, List.of(parent), JobState.COMPLETED, 0, "late\n", 1));
                confirmed.add(id);
            }
        }
        List<Planned> planned = new ArrayList<>(burst.jobs());
        planned.addAll(late);
        Map<String, JobInfo> jobs = new HashMap<>();
        Path flowEnd = burst.flowDir().resolve("d.txt");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            jobs.clear();
            try (Muster client = Muster.connect(url(port))) {
                client.queue().all().list().stream()
                        .filter(j -> j.requestId() != null && j.requestId().startsWith(burst.prefix()))
                        .forEach(j -> jobs.put(j.requestId(), j));
            }
            return jobs.keySet().containsAll(confirmed) && jobs.values().stream().allMatch(j -> j.state().isFinal())
                    && Files.exists(flowEnd);
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Planned job : planned) {
            String id = job.requestId();
            int runs = Files.exists(marker(id)) ? Files.readAllLines(marker(id)).size() : 0;
            if (confirmed.contains(id)) {
                JobInfo info = jobs.get(id);
                softly.assertThat(runs).as("runs of %s (%s)", id, job.backend()).isEqualTo(job.runs());
                softly.assertThat(info.state()).as("state of %s (%s)", id, info.reason()).isEqualTo(job.state());
                softly.assertThat(info.exitCode()).as("exit code of %s", id).isEqualTo(job.exitCode());
                if (job.stdout() != null) {
                    softly.assertThat(Files.exists(Path.of(info.stdout())) ? Files.readString(Path.of(info.stdout()))
                            : null).as("stdout of %s", id).isEqualTo(job.stdout());
                }
            } else {
                softly.assertThat(runs).as("runs of unconfirmed %s", id).isLessThanOrEqualTo(job.runs());
            }
            Counts total = totals.computeIfAbsent(job.backend(), b -> new Counts());
            if (runs > job.runs()) {
                total.twice++;
            } else if (runs == job.runs()) {
                total.once++;
            } else if (confirmed.contains(id)) {
                total.lost++;
            } else {
                total.notTaken++;
            }
            counts.merge(job.backend() + (runs == job.runs() ? " as planned" : runs == 0 ? " never sent" : " TWICE"), 1,
                    Integer::sum);
        }
        String flow = checkFlow(burst.flowDir());
        return burst.prefix() + ": " + confirmed.size() + " confirmed, " + maybe.size() + " unconfirmed; " + counts
                + "; flow " + flow;
    }

    /** The flow's last step wrote what every step added, and each step's command ran once. */
    private String checkFlow(Path dir) throws Exception {
        softly.assertThat(Files.readString(dir.resolve("d.txt"))).as("the flow's end in %s", dir).isEqualTo("a\nb\nc\nd\n");
        Map<String, Integer> runs = new LinkedHashMap<>();
        for (String step : List.of("a", "b", "c", "d")) {
            Path file = dir.resolve(step + ".runs");
            runs.put(step, Files.exists(file) ? Files.readAllLines(file).size() : 0);
        }
        runs.forEach((step, n) -> softly.assertThat(n).as("runs of the flow's step %s in %s", step, dir).isEqualTo(1));
        flowStepsTwice += (int) runs.values().stream().filter(n -> n > 1).count();
        if (runs.values().stream().allMatch(n -> n == 1)) {
            flowsEnded++;
        }
        return "steps ran " + runs;
    }

    private Process startServer(int port) throws Exception {
        Files.createDirectories(logs);
        return PackagedServer.start(data.resolve("m"), port, 0, logs.resolve("server-" + (++starts) + ".log"),
                Map.of("MUSTER_SLURM", "on", "MUSTER_TORQUE", "on", "MUSTER_TORQUE_BIN_DIR",
                        PbsCommands.binDir().toString(), "MUSTER_SGE", "on", "MUSTER_SGE_BIN_DIR", SgeCell.binDir().toString(),
                        "MUSTER_QUEUE_POLL_INTERVAL", "250ms"), WAIT);
    }

    private static String url(int port) {
        return "tcp://127.0.0.1:" + port;
    }

}
