package io.muster.config;

import io.muster.config.Setting.Type;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every setting of {@code muster.toml}, in one table. The example file
 * {@code server-config/muster.toml} documents each of them (a test checks it), {@code muster
 * conf show} lists them with their values, and {@link ConfigLoader} reads them.
 */
public final class Settings {

    /** The sections that hold settings; {@code [profiles.NAME]} tables are the other kind. */
    public static final List<String> SECTIONS = List.of("server", "jobs", "queue", "local", "broker", "database", "http");
    public static final String PROFILES = "profiles";

    public static final Setting DATA_DIR = new Setting("server", "data_dir", Type.PATH, 0, 0,
            "$MUSTER_HOME, else ~/.muster", "broker journal, database and job files live below it",
            env("server", "data_dir", "MUSTER_HOME"));
    public static final Setting WORK_ROOT = new Setting("jobs", "work_root", Type.PATH, 0, 0,
            "<data_dir>", "root of the job directories (<work_root>/jobs/ID: scripts, outputs, exit codes); job file"
            + " options must stay inside it",
            env("jobs", "work_root"));
    public static final Setting BATCH_THREADS = new Setting("jobs", "batch_threads", Type.INTEGER, 4, 100_000,
            "256", "how many flows run at once (threads of the flow pool); jobs in flight hold no thread",
            env("jobs", "batch_threads", "MUSTER_BATCH_THREADS"));
    public static final Setting POLL_INTERVAL = new Setting("queue", "poll_interval", Type.DURATION, 50, 3_600_000,
            "1s", "how often the tracker asks a backend for the state of its jobs (one query for all of them)",
            env("queue", "poll_interval"));
    public static final Setting LEASE_TIME = new Setting("server", "lease_time", Type.DURATION, 1_000, 3_600_000,
            "30s", "servers sharing one database: a server that has not renewed its hold on the jobs it follows for"
            + " this long is taken for dead, and another server takes its jobs over (renewed every third of it)",
            env("server", "lease_time"));
    public static final Setting LOCAL_CORES = new Setting("local", "cores", Type.INTEGER, 1, 1_000_000,
            "all of this machine's cores", "cores the local pool may keep busy; a job asking for more is rejected",
            env("local", "cores"));
    public static final Setting LOCAL_MEMORY = new Setting("local", "memory", Type.SIZE, 1, Long.MAX_VALUE,
            "90% of this machine's memory", "memory the local pool may hand out; a job asking for more is rejected",
            env("local", "memory", "MUSTER_LOCAL_MEMORY_MB"));
    public static final Setting LOCAL_HOST = new Setting("local", "host", Type.TEXT, 0, 0,
            "this machine's host name", "the host this server's local pool runs on, as servers sharing one database"
            + " know it: when a server dies, its local jobs are followed by a server of the same host name and end"
            + " LOST on any other", env("local", "host"));
    public static final Setting BROKER_HOST = new Setting("broker", "host", Type.TEXT, 0, 0,
            MusterConfig.DEFAULT_BROKER_HOST, "address the broker's TCP acceptor binds to; loopback only unless"
            + " broker.users is set (without users the broker lets anonymous clients in)", env("broker", "host"));
    public static final Setting BROKER_PORT = new Setting("broker", "port", Type.INTEGER, 0, 65_535,
            String.valueOf(MusterConfig.DEFAULT_BROKER_PORT), "TCP port of the broker (CORE, AMQP, STOMP, MQTT);"
            + " 0 for none (in-process clients only)", env("broker", "port"));
    public static final Setting BROKER_USERS = new Setting("broker", "users", Type.PATH, 0, 0,
            "none: anonymous clients, loopback only", "the broker's users file (name[:roles] = password lines, roles"
            + " submit, observe, admin); when set, every client must log in and its login is its jobs' user", env("broker", "users"));
    public static final Setting BROKER_URL = new Setting("broker", "url", Type.BROKER_URL, 0, 0,
            "none: Muster embeds its own broker", "an Artemis broker Muster is a client of instead of embedding one:"
            + " tcp://HOST:PORT, or (tcp://A:PORT,tcp://B:PORT)?ha=true for a cluster or HA pair; it must have the"
            + " addresses and settings of server-config/artemis/broker.xml", env("broker", "url"));
    public static final Setting BROKER_USER = new Setting("broker", "user", Type.TEXT, 0, 0,
            "none: no login", "Muster's own login on the broker of broker.url", env("broker", "user"));
    public static final Setting BROKER_PASSWORD = new Setting("broker", "password", Type.SECRET, 0, 0,
            "none", "the password of broker.user (never shown; keep the file or the environment private)",
            env("broker", "password"));
    public static final Setting BROKER_REPLY_PREFIX = new Setting("broker", "reply_prefix", Type.TEXT, 0, 0,
            "none: any named queue but Muster's own", "the start every named reply address (JMSReplyTo) must have,"
            + " say replies.: an answer to another is not sent (the request is still carried out); temporary"
            + " queues the broker holds as such are answered too. On a broker shared with other programs, Muster sends with rights"
            + " senders may lack, so without it a sender can have an answer put on another program's queue",
            env("broker", "reply_prefix"));
    public static final Setting DATABASE_URL = new Setting("database", "url", Type.JDBC_URL, 0, 0,
            "an H2 file in <data_dir>/db", "JDBC URL of the job store and batch repository; the driver must be on"
            + " the class path (H2's and PostgreSQL's are)", env("database", "url"));
    public static final Setting DATABASE_USER = new Setting("database", "user", Type.TEXT, 0, 0,
            "none", "login for database.url (PostgreSQL)", env("database", "user"));
    public static final Setting DATABASE_PASSWORD = new Setting("database", "password", Type.SECRET, 0, 0,
            "none", "the password of database.user (never shown; keep the file or the environment private)",
            env("database", "password"));

    public static final Setting HTTP_HOST = new Setting("http", "host", Type.TEXT, 0, 0,
            MusterConfig.DEFAULT_HTTP_HOST, "address of the HTTP server (/metrics, /health, the web page); loopback only"
            + " unless broker.users (whose logins it then asks for) and http.tls_keystore are set", env("http", "host"));
    public static final Setting HTTP_PORT = new Setting("http", "port", Type.INTEGER, 0, 65_535,
            String.valueOf(MusterConfig.DEFAULT_HTTP_PORT), "port of the HTTP server; 0 for none", env("http", "port"));

    public static final Setting HTTP_TLS_KEYSTORE = new Setting("http", "tls_keystore", Type.PATH, 0, 0,
            "none: plain HTTP, loopback only", "a PKCS12 key store (key and certificate chain) that makes the HTTP"
            + " server serve HTTPS; needed to bind it beyond loopback", env("http", "tls_keystore"));
    public static final Setting HTTP_TLS_PASSWORD = new Setting("http", "tls_password", Type.SECRET, 0, 0,
            "none", "the password of http.tls_keystore (never shown; keep the file or the environment private)",
            env("http", "tls_password"));

    private static final List<Setting> ALL = List.of(DATA_DIR, LEASE_TIME, WORK_ROOT, BATCH_THREADS, POLL_INTERVAL,
            LOCAL_CORES, LOCAL_MEMORY, LOCAL_HOST, BROKER_HOST, BROKER_PORT, BROKER_USERS, BROKER_URL, BROKER_USER,
            BROKER_PASSWORD, BROKER_REPLY_PREFIX, DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD, HTTP_HOST, HTTP_PORT, HTTP_TLS_KEYSTORE,
            HTTP_TLS_PASSWORD);

    private Settings() {
    }

    private static List<String> env(String section, String key, String... older) {
        String name = "MUSTER_" + section.toUpperCase(Locale.ROOT) + "_" + key.toUpperCase(Locale.ROOT);
        return Stream.concat(Stream.of(name), Stream.of(older)).toList();
    }

    public static List<Setting> all() {
        return ALL;
    }

    public static Optional<Setting> find(String section, String key) {
        return ALL.stream().filter(s -> s.section().equals(section) && s.key().equals(key)).findFirst();
    }

    /** {@code SECTION.KEY} to its setting. */
    public static Optional<Setting> find(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? Optional.empty() : find(id.substring(0, dot), id.substring(dot + 1));
    }

    /**
     * A setting's value in a configuration, as it would be written in the file: paths as text,
     * sizes in MB, durations as whole seconds or as text with ms; null for a setting that is not
     * set and has no default value (broker.users, broker.url); the password is never shown.
     */
    public static Object value(MusterConfig config, Setting setting) {
        return switch (setting.id()) {
            case "server.data_dir" -> config.dataDir().toString();
            case "jobs.work_root" -> config.workRoot().toString();
            case "jobs.batch_threads" -> config.batchThreads();
            case "queue.poll_interval" -> duration(config.pollInterval());
            case "local.cores" -> config.localCores();
            case "local.memory" -> config.localMemoryMb();
            case "broker.host" -> config.brokerHost();
            case "broker.port" -> config.brokerPort();
            case "broker.users" -> config.brokerUsers() == null ? null : config.brokerUsers().toString();
            case "broker.url" -> config.externalBroker() == null ? null : config.externalBroker().url();
            case "broker.user" -> config.externalBroker() == null ? null : config.externalBroker().user();
            case "broker.password" -> config.externalBroker() == null || config.externalBroker().password() == null
                    ? null : "(set, not shown)";
            case "broker.reply_prefix" -> config.replyPrefix();
            case "server.lease_time" -> duration(config.scaleOut().leaseTime());
            case "local.host" -> config.localHost();
            case "database.url" -> config.jdbcUrl();
            case "database.user" -> config.scaleOut().databaseUser();
            case "database.password" -> config.scaleOut().databasePassword() == null ? null : "(set, not shown)";
            case "http.host" -> config.httpHost();
            case "http.port" -> config.httpPort();
            case "http.tls_keystore" -> config.httpTls() == null ? null : config.httpTls().keystore().toString();
            case "http.tls_password" -> config.httpTls() == null ? null : "(set, not shown)";
            default -> throw new IllegalArgumentException("no value for setting " + setting.id());
        };
    }

    private static Object duration(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? (Object) d.toSeconds() : d.toMillis() + "ms";
    }

    /** The known setting id closest to a misspelt one, for "did you mean". */
    public static Optional<String> closest(String id) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting s : ALL) {
            int d = distance(id.toLowerCase(Locale.ROOT), s.id());
            if (d < bestDistance) {
                bestDistance = d;
                best = s.id();
            }
        }
        return bestDistance <= Math.max(2, id.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
