package io.muster.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.config.MusterConfig;
import io.muster.messaging.Broker;
import io.muster.queue.QueueView;
import io.muster.queue.StateFilter;
import io.muster.scheduler.GridDialect;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.ProcessCommandRunner;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.scheduler.slurm.SlurmDialect;
import io.muster.scheduler.torque.TorqueDialect;
import io.muster.store.JobFilter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Liveness and readiness as Kubernetes and MicroProfile Health write them:
 * {@code {"status": "UP"|"DOWN", "checks": [{"name", "status", "reason"}]}}. Ready means the broker
 * is active, the database answers a query on a connection of the pool the batch repository uses
 * (which renews its connections after the database came back) and the job store on its own
 * connection, and each backend this server runs answers: the local pool by being
 * open, a cluster scheduler by its ping command ({@code scontrol ping}, {@code qstat -B}).
 */
final class Health {

    /** One check's answer. */
    record Check(String name, boolean up, String reason) {
    }

    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(3);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    /** Cluster pings are commands: one every few seconds is plenty, however often the probe asks. */
    static final Duration PING_CACHE = Duration.ofSeconds(5);

    private final ObjectMapper json;
    private final MusterConfig config;
    private final DataSource database;
    private final QueueView queue;
    private final Broker broker;
    private final Supplier<Set<String>> backends;
    private final LocalScheduler local;
    private final Map<String, Check> pings = new ConcurrentHashMap<>();
    private final Map<String, Long> pingedAt = new ConcurrentHashMap<>();

    Health(ObjectMapper json, MusterConfig config, DataSource database, QueueView queue, Broker broker,
           Supplier<Set<String>> backends, LocalScheduler local) {
        this.json = json;
        this.config = config;
        this.database = database;
        this.queue = queue;
        this.broker = broker;
        this.backends = backends;
        this.local = local;
    }

    ObjectNode live() {
        return answer(List.of(new Check("server", true, "the HTTP server answers")));
    }

    List<Check> readiness() {
        List<Check> checks = new ArrayList<>();
        checks.add(broker.active() ? new Check("broker", true, broker.description() + " is active")
                : new Check("broker", false, broker.description() + " is not active" + (broker.downReason() == null
                ? "" : ": " + broker.downReason() + "; Muster tries again with back-off")));
        checks.add(database());
        checks.add(jobStore());
        for (String backend : backends.get().stream().sorted().toList()) {
            checks.add(backend(backend));
        }
        return checks;
    }

    ObjectNode ready() {
        return answer(readiness());
    }

    static boolean up(ObjectNode answer) {
        return "UP".equals(answer.path("status").asText());
    }

    private ObjectNode answer(List<Check> checks) {
        boolean up = checks.stream().allMatch(Check::up);
        ObjectNode out = json.createObjectNode().put("status", up ? "UP" : "DOWN");
        ArrayNode list = out.putArray("checks");
        for (Check c : checks) {
            list.addObject().put("name", c.name()).put("status", c.up() ? "UP" : "DOWN").put("reason", c.reason());
        }
        return out;
    }

    private Check database() {
        String shown = shown(config.jdbcUrl());
        try (Connection c = database.getConnection();
             Statement s = c.createStatement()) {
            s.setQueryTimeout((int) DATABASE_TIMEOUT.toSeconds());
            s.execute("SELECT 1");
            return new Check("database", true, "answers at " + shown);
        } catch (SQLException | RuntimeException e) {
            return new Check("database", false, "does not answer at " + shown + ": " + firstLine(e.getMessage()));
        }
    }

    /** The job store's own connection, which the queue views use: the newest active job, if any. */
    private Check jobStore() {
        try {
            int n = queue.list(StateFilter.ACTIVE, JobFilter.all().withLimit(1)).size();
            return new Check("jobStore", true, "answers (" + (n == 0 ? "no" : "some") + " active jobs)");
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Check("jobStore", false, "does not answer: " + firstLine(e.getMessage()) + ": "
                    + firstLine(cause.getMessage()));
        }
    }

    private Check backend(String name) {
        if (name.equals(LocalScheduler.NAME)) {
            return new Check("backend:local", true, "the local pool runs with " + local.cores() + " cores, "
                    + local.busyCores() + " busy");
        }
        long now = System.nanoTime();
        Long last = pingedAt.get(name);
        Check cached = pings.get(name);
        if (cached != null && last != null && now - last < PING_CACHE.toNanos()) {
            return cached;
        }
        GridDialect dialect = switch (name) {
            case "slurm" -> new SlurmDialect();
            case "torque" -> new TorqueDialect();
            default -> null;
        };
        Check check;
        if (dialect == null) {
            check = new Check("backend:" + name, true, "registered; Muster knows no ping for it");
        } else {
            boolean answers = GridScheduler.available(dialect, new ProcessCommandRunner(), PING_TIMEOUT);
            String ping = String.join(" ", dialect.pingCommand());
            check = answers ? new Check("backend:" + name, true, ping + " answers")
                    : new Check("backend:" + name, false, ping + " does not answer (or " + dialect.submitProgram()
                    + " is not on the PATH)");
        }
        pings.put(name, check);
        pingedAt.put(name, now);
        return check;
    }

    /** A JDBC URL without what may follow a password. */
    private static String shown(String url) {
        int semi = url.indexOf(';');
        int query = url.indexOf('?');
        int cut = semi < 0 ? query : query < 0 ? semi : Math.min(semi, query);
        return cut < 0 ? url : url.substring(0, cut);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

}
