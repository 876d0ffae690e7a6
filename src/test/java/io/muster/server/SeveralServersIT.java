package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.api.Destinations;
import io.muster.scheduler.slurm.SlurmCluster;
import io.muster.testing.PackagedServer;
import io.muster.testing.Processes;
import io.muster.testing.RealService;
import io.muster.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged servers on the 2-node Artemis cluster ({@code MUSTER_TEST_CLUSTER_URLS}, one node
 * each) and one PostgreSQL database: they share the submissions (each job runs once, both do work),
 * and when one is killed with SIGKILL the other takes its Slurm jobs over within the lease time
 * plus one poll interval, follows them to their ends and submits none of them again.
 */
class SeveralServersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private String schema;
    private List<String> nodes;
    private final List<Process> servers = new ArrayList<>();
    private final List<Connection> clients = new ArrayList<>();

    @BeforeEach
    void brokerClusterAndEmptySchema() throws Exception {
        String urls = System.getenv("MUSTER_TEST_CLUSTER_URLS");
        RealService.require(urls == null ? "MUSTER_TEST_CLUSTER_URLS is not set (server-config/artemis/start.sh starts"
                + " the 2-node cluster; .ci/run sets it)" : null);
        nodes = List.of(urls.split(","));
        schema = "several_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SCHEMA " + schema);
        Files.createDirectories(dir.resolve("markers"));
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Connection c : clients) {
            c.close();
        }
        for (Process p : servers) {
            p.destroy();
        }
        for (Process p : servers) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (schema != null) {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void twoServersShareFiveHundredSubmissionsEachRunOnceAndBothWork() throws Exception {
        start(0, Map.of());
        start(1, Map.of());
        Set<String> completed = completedEvents("burst-");

        int n = 500;
        send(n, "burst-", "local", i -> "echo run >> '" + marker("burst-" + i) + "'");

        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> completed.size() >= n);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(completed.size() + " of " + n + " COMPLETED events in 3 minutes; the store holds "
                    + statesAndReasons() + "\nserver 0's log ends " + tail(dir.resolve("server-0.log"))
                    + "\nserver 1's log ends " + tail(dir.resolve("server-1.log")), e);
        }
        assertThat(completed).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(Files.readAllLines(marker("burst-" + i))).as("runs of burst-%d", i).hasSize(1);
        }
        Map<String, Long> byOwner = countByOwner();
        System.out.println("SeveralServersIT jobs per server: " + byOwner);
        assertThat(byOwner).hasSize(2).allSatisfy((owner, count) -> assertThat(count).isPositive());
    }

    @Test
    void theOtherServerTakesOverTheSlurmJobsOfAKilledOneWithinTheLeaseTimeAndEndsThemAll() throws Exception {
        SlurmCluster.assumeRunning();
        Map<String, String> slurm = Map.of("MUSTER_SLURM", "on");
        start(0, slurm);
        start(1, slurm);
        int n = 100;
        String prefix = "takeover-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        send(n, prefix, "slurm", i -> "echo run >> '" + marker(prefix + i) + "'; sleep 1; exit 0");

        // every job handed to Slurm and recorded, by either server
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT COUNT(*) FROM " + schema + ".muster_job WHERE SCHEDULER_ID IS NOT NULL") == n);
        Map<String, Long> before = unfinishedByOwner();
        assertThat(before).as("jobs in flight").isNotEmpty();
        // the victim: the server following the most jobs (its id names its pid)
        String victimId = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Process victim = servers.stream().filter(p -> victimId.contains("/" + p.pid() + "/")).findFirst().orElseThrow();
        long victimJobs = before.get(victimId);
        // which server took how many is not this test's point (the 500-job test checks that both
        // work): a burst of 100 can go whole to one of them, and then that one is killed
        long killedAt = System.nanoTime();
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        await().atMost(LEASE.plus(POLL).multipliedBy(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> !unfinishedByOwner().containsKey(victimId));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.println("SeveralServersIT " + victimJobs + " jobs of the killed server taken over after "
                + takeover.toMillis() + " ms (lease " + LEASE.toMillis() + " ms, poll " + POLL.toMillis() + " ms)");
        // the lease runs from the last renewal, which was at most a third of it before the kill;
        // a second of slack for the database round trips and the test's own polling
        assertThat(takeover).isLessThanOrEqualTo(LEASE.plus(POLL).plusSeconds(1));

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> count("SELECT COUNT(*)"
                + " FROM " + schema + ".muster_job WHERE STATE IN ('COMPLETED', 'FAILED', 'LOST', 'CANCELLED')") == n);
        assertThat(count("SELECT COUNT(*) FROM " + schema + ".muster_job WHERE STATE = 'COMPLETED' AND EXIT_CODE = 0"))
                .as("COMPLETED with exit code 0, of %s; the survivor's log ends %s", statesAndReasons(),
                        tail(dir.resolve("server-" + (1 - servers.indexOf(victim)) + ".log"))).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(Files.readAllLines(marker(prefix + i))).as("runs of %s%d", prefix, i).hasSize(1);
        }
        assertThat(slurmSubmissionsPerName(prefix)).as("Slurm jobs per muster job").hasSize(n)
                .allSatisfy((tag, times) -> assertThat(times).isEqualTo(1));
    }

    /**
     * How often Slurm's accounting saw each job of this test, by its name (the request id: this
     * cluster's accounting does not keep the {@code muster:ID} comment).
     */
    private Map<String, Integer> slurmSubmissionsPerName(String prefix) throws Exception {
        Processes.Result sacct = Processes.run(dir, List.of("sacct", "--noheader", "--allusers", "-X", "--parsable2",
                "--starttime=now-1hour", "--format=JobName%100"), Map.of(), Duration.ofSeconds(60));
        Map<String, Integer> counts = new HashMap<>();
        for (String line : sacct.out().split("\n")) {
            String name = line.strip();
            if (name.startsWith(prefix)) {
                counts.merge(name, 1, Integer::sum);
            }
        }
        return counts;
    }

    private String statesAndReasons() throws Exception {
        StringBuilder out = new StringBuilder();
        try (java.sql.Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT STATE, EXIT_CODE, MIN(REASON), COUNT(*) FROM " + schema + ".muster_job GROUP BY STATE, EXIT_CODE")) {
            while (rs.next()) {
                out.append(rs.getString(1)).append(" exit ").append(rs.getString(2)).append(" x").append(rs.getLong(4))
                        .append(" (").append(rs.getString(3)).append("); ");
            }
        }
        return out.toString();
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private Path marker(String requestId) {
        return dir.resolve("markers").resolve(requestId);
    }

    /** Starts server {@code i}, a client of cluster node {@code i}, and waits until it is ready. */
    private void start(int i, Map<String, String> env) throws Exception {
        Map<String, String> e = new HashMap<>();
        e.put("MUSTER_BROKER_URL", nodes.get(i));
        e.put("MUSTER_BROKER_USER", brokerUser());
        e.put("MUSTER_BROKER_PASSWORD", brokerPassword());
        e.put("MUSTER_DATABASE_URL", TestDatabase.inSchema(schema));
        e.put("MUSTER_DATABASE_USER", TestDatabase.user());
        e.put("MUSTER_DATABASE_PASSWORD", TestDatabase.password());
        e.put("MUSTER_SERVER_LEASE_TIME", LEASE.toMillis() + "ms");
        e.put("MUSTER_QUEUE_POLL_INTERVAL", POLL.toMillis() + "ms");
        e.put("MUSTER_JOBS_WORK_ROOT", dir.resolve("work").toString());
        e.putAll(env);
        servers.add(PackagedServer.onBroker(dir.resolve("data-" + i), dir.resolve("server-" + i + ".log"), e,
                Duration.ofMinutes(2)));
    }

    private static String brokerUser() {
        return System.getenv().getOrDefault("MUSTER_TEST_BROKER_USER", "muster");
    }

    private static String brokerPassword() {
        return System.getenv().getOrDefault("MUSTER_TEST_BROKER_PASSWORD", "muster-test");
    }

    private Connection connect(String node) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(node, brokerUser(), brokerPassword());
        Connection c = factory.createConnection();
        clients.add(c);
        return c;
    }

    /** The request ids of COMPLETED events with this prefix, heard on either node (a job's event once). */
    private Set<String> completedEvents(String prefix) throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (String node : nodes) {
            Connection c = connect(node);
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic(Destinations.EVENTS_TOPIC),
                    "state = 'COMPLETED'");
            events.setMessageListener(m -> {
                try {
                    JsonNode data = JSON.readTree(((TextMessage) m).getText()).path("data");
                    String id = data.path("requestId").asText();
                    if (id.startsWith(prefix)) {
                        seen.add(id);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            c.start();
        }
        return seen;
    }

    /** Sends job i to node i % 2: half the submissions reach each broker. */
    private void send(int n, String prefix, String backend, java.util.function.IntFunction<String> command)
            throws Exception {
        List<MessageProducer> producers = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (String node : nodes) {
            Session session = connect(node).createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.SUBMIT_QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            sessions.add(session);
            producers.add(producer);
        }
        for (int i = 0; i < n; i++) {
            String body = JSON.createObjectNode().put("requestId", prefix + i).put("name", prefix + i).put("backend", backend)
                    .put("command", command.apply(i)).toString();
            int node = i % producers.size();
            producers.get(node).send(sessions.get(node).createTextMessage(body));
        }
    }

    private Map<String, Long> countByOwner() throws Exception {
        return byOwner("");
    }

    private Map<String, Long> unfinishedByOwner() throws Exception {
        return byOwner(" WHERE STATE NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL',"
                + " 'DEPENDENCY_FAILED', 'LOST', 'REJECTED')");
    }

    private Map<String, Long> byOwner(String where) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (java.sql.Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT OWNER, COUNT(*) FROM " + schema + ".muster_job" + where + " GROUP BY OWNER");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private long count(String query) throws Exception {
        try (java.sql.Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static java.sql.Connection db() throws Exception {
        return DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), TestDatabase.password());
    }

    private static void sql(String statement) throws Exception {
        try (java.sql.Connection c = db(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
