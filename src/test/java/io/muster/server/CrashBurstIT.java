package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.Destinations;
import io.muster.api.JobState;
import io.muster.client.JobInfo;
import io.muster.client.Muster;
import io.muster.scheduler.slurm.SlurmCluster;
import io.muster.testing.PackagedServer;
import io.muster.testing.Processes;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.File;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash drill: the packaged server is killed with SIGKILL while a burst of jobs comes in or
 * runs, on the local pool and on the real Slurm, then started again on the same data directory.
 * Every job the broker took ends with its own exit code and output, and none runs twice: each
 * job appends one line to a marker file of its own, and the lines are counted.
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
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** What one trial sent: job i goes to {@code backends.get(i)}, exits {@code i % 3} and prints {@code out-i}. */
    private record Burst(String prefix, List<String> backends) {
        String requestId(int i) {
            return prefix + i;
        }
    }

    @Test
    void aServerKilledWithJobsInFlightOrArrivingLosesNoneAndRunsNoneTwice() throws Exception {
        SlurmCluster.assumeRunning();
        long seed = Long.getLong("muster.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("CrashBurstIT seed " + seed + " (replay with -Dmuster.crash.seed=" + seed + ")");
        int port = freePort();
        Files.createDirectories(data.resolve("markers"));
        List<String> report = new ArrayList<>();

        // trial 0: 200 local and 50 Slurm jobs, all accepted, killed while they run or wait
        server = startServer(port);
        Burst inFlight = burst("in-flight-", 200, 50);
        Set<String> sent = send(port, inFlight, ConcurrentHashMap.newKeySet());
        await().atMost(WAIT).until(() -> accepted(port, inFlight.prefix()) == inFlight.backends().size());
        kill();
        report.add(check(port, inFlight, sent, Set.of()));

        // trials 1..n: 80 local and 20 Slurm jobs, the server killed at a random moment of their arrival
        for (int t = 1; t <= RANDOM_TRIALS; t++) {
            server = server == null || !server.isAlive() ? startServer(port) : server;
            Burst burst = burst("burst-" + t + "-", 80, 20);
            long killAfterMs = 200 + random.nextInt(2500);
            Set<String> maybe = ConcurrentHashMap.newKeySet();
            Set<String> taken = sendAndKill(port, burst, killAfterMs, maybe);
            report.add(check(port, burst, taken, maybe) + " (killed after " + killAfterMs + " ms)");
        }
        stopServer();
        report.forEach(line -> System.out.println("CrashBurstIT " + line));
    }

    private static Burst burst(String prefix, int local, int slurm) {
        List<String> backends = new ArrayList<>();
        int every = (local + slurm) / slurm;
        for (int i = 0; i < local + slurm; i++) {
            // interleaved, so that the kill finds both backends mid-burst
            backends.add(i % every == 0 ? "slurm" : "local");
        }
        return new Burst(prefix, backends);
    }

    private String command(Burst burst, int i) {
        Path marker = data.resolve("markers").resolve(burst.requestId(i));
        return "echo run >> '" + marker + "'; sleep 0.3; echo out-" + i + "; exit " + (i % 3);
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
     * Sends the burst, one persistent message after another, each confirmed by the broker; the ids
     * confirmed. From the first send that fails (the server died), the rest go to {@code maybe}.
     */
    private Set<String> send(int port, Burst burst, Set<String> maybe) throws JMSException {
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url(port));
        factory.setBlockOnDurableSend(true);
        try (factory; Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.SUBMIT_QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < burst.backends().size(); i++) {
                String id = burst.requestId(i);
                String body = "{\"requestId\":\"" + id + "\",\"backend\":\"" + burst.backends().get(i)
                        + "\",\"command\":\"" + command(burst, i).replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
                try {
                    producer.send(session.createTextMessage(body));
                    confirmed.add(id);
                } catch (JMSException | RuntimeException e) {
                    maybe.add(id);
                    for (int j = i + 1; j < burst.backends().size(); j++) {
                        maybe.add(burst.requestId(j)); // never sent, but one would be just as wrong run twice
                    }
                    break;
                }
            }
        }
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
     * Starts the server again and waits for every confirmed job's end; then each ended as its
     * command says, with its output, and ran once; an unconfirmed one ran at most once.
     */
    private String check(int port, Burst burst, Set<String> confirmed, Set<String> maybe) throws Exception {
        server = startServer(port);
        Map<String, JobInfo> jobs = new HashMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            jobs.clear();
            try (Muster client = Muster.connect(url(port))) {
                client.queue().all().list().stream()
                        .filter(j -> j.requestId() != null && j.requestId().startsWith(burst.prefix()))
                        .forEach(j -> jobs.put(j.requestId(), j));
            }
            return jobs.keySet().containsAll(confirmed) && jobs.values().stream().allMatch(j -> j.state().isFinal());
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < burst.backends().size(); i++) {
            String id = burst.requestId(i);
            Path marker = data.resolve("markers").resolve(id);
            int runs = Files.exists(marker) ? Files.readAllLines(marker).size() : 0;
            if (confirmed.contains(id)) {
                JobInfo job = jobs.get(id);
                assertThat(runs).as("runs of %s (%s)", id, burst.backends().get(i)).isEqualTo(1);
                assertThat(job.exitCode()).as("exit code of %s", id).isEqualTo(i % 3);
                assertThat(job.state()).as("state of %s", id).isEqualTo(i % 3 == 0 ? JobState.COMPLETED : JobState.FAILED);
                assertThat(Files.readString(Path.of(job.stdout()))).as("stdout of %s", id).isEqualTo("out-" + i + "\n");
            } else {
                assertThat(runs).as("runs of unconfirmed %s", id).isLessThanOrEqualTo(1);
            }
            counts.merge(burst.backends().get(i) + (runs == 1 ? " ran once" : runs == 0 ? " never sent" : " TWICE"), 1,
                    Integer::sum);
        }
        return burst.prefix() + ": " + confirmed.size() + " confirmed, " + maybe.size() + " unconfirmed; " + counts;
    }

    private Process startServer(int port) throws Exception {
        return PackagedServer.start(data.resolve("m"), port, 0, data.resolve("server.log"),
                Map.of("MUSTER_SLURM", "on", "MUSTER_QUEUE_POLL_INTERVAL", "250ms"), WAIT);
    }

    private static String url(int port) {
        return "tcp://127.0.0.1:" + port;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
