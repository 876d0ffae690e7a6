package io.muster.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Muster's settings, typed and checked once at start. Every setting has a default; the file
 * {@code muster.toml}, the environment ({@code MUSTER_*}) and command-line flags override it,
 * in that order (see {@link ConfigLoader} and {@link Settings} for the table).
 *
 * @param dataDir       broker journal, database and job files live below it
 * @param brokerHost    address the TCP acceptor binds to; loopback unless {@code brokerUsers} is set
 * @param brokerPort    TCP port of the acceptor (0 = no TCP acceptor, in-VM only)
 * @param localCores    cores the local pool may keep busy
 * @param localMemoryMb memory the local pool may hand out, in MB
 * @param batchThreads  how many flows run at once (JBeret's flow pool, which grows on demand up to
 *                      it); jobs in flight hold no thread, dispatch has a small pool of its own
 * @param workDir       root of the job directories, or null for {@code dataDir}; see {@link #workRoot()}
 * @param pollInterval  how often a backend is asked for its jobs' states
 * @param databaseUrl   JDBC URL, or null for an H2 file in the data directory; see {@link #jdbcUrl()}
 * @param profiles      {@code [profiles.NAME]} tables as written (option names to values); the
 *                      options package checks them ({@code Profiles.from(config)})
 * @param source        where the values came from, with line numbers for messages
 * @param grids         the cluster backends' settings ({@code [slurm]}, {@code [sge]}, ... and
 *                      {@code MUSTER_SLURM}, {@code MUSTER_SGE_BIN_DIR}, ...), by backend name
 * @param flowsDir      directory of users' flows (job XML), besides the batch-jobs that ship;
 *                      null means {@code dataDir/flows}
 * @param brokerUsers   the broker's users file ({@code name[:roles] = password} lines, see
 *                      {@link BrokerUsers}), or null for none: then the broker lets anonymous clients
 *                      in and binds to loopback only
 * @param httpHost      address of the HTTP server (metrics, health, web page); loopback unless
 *                      {@code brokerUsers} (whose logins it then asks for) and {@code httpTls} are set
 * @param httpPort      its port, 0 for no HTTP server
 * @param externalBroker the Artemis broker Muster is a client of ({@code broker.url}), or null to embed one
 * @param httpTls       the key store of HTTPS, or null for plain HTTP (then on loopback only)
 * @param scaleOut      the database's login, the lease of several servers, this host's pool name;
 *                      null for the defaults
 * @param replyPrefix   the start every named reply address must have ({@code broker.reply_prefix}), or
 *                      null for any but Muster's own; temporary queues are always answered
 */
public record MusterConfig(Path dataDir, String brokerHost, int brokerPort, int localCores, long localMemoryMb,
                           int batchThreads, Path workDir, Duration pollInterval, String databaseUrl,
                           Map<String, Map<String, Object>> profiles, ConfigSource source,
                           Grids grids, Path flowsDir, Path brokerUsers, String httpHost, int httpPort,
                           ExternalBrokerSettings externalBroker, HttpTls httpTls, ScaleOut scaleOut,
                           String replyPrefix) {

    public static final String DEFAULT_BROKER_HOST = "127.0.0.1";
    public static final int DEFAULT_BROKER_PORT = 61616;
    public static final int DEFAULT_BATCH_THREADS = 256;
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8161;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    private static final java.util.regex.Pattern REPLY_PREFIX = java.util.regex.Pattern.compile("[A-Za-z0-9._/-]{1,200}");
    /** The local pool leaves this share of the machine's memory to everything else. */
    public static final double LOCAL_MEMORY_SHARE = 0.9;

    public MusterConfig {
        require(dataDir != null, Settings.DATA_DIR, "must be set");
        require(brokerPort >= 0 && brokerPort <= 65535, Settings.BROKER_PORT, "must be 0 (no TCP) to 65535, was "
                + brokerPort);
        require(httpPort >= 0 && httpPort <= 65535, Settings.HTTP_PORT, "must be 0 (no HTTP server) to 65535, was "
                + httpPort);
        httpHost = httpHost == null ? DEFAULT_HTTP_HOST : httpHost;
        require(httpPort == 0 || brokerUsers != null || loopback(httpHost), Settings.HTTP_HOST, "is " + httpHost
                + ", not a loopback address: without broker.users the web page and /metrics ask for no login, so the"
                + " HTTP server binds to loopback only (127.0.0.1, ::1); set broker.users to bind elsewhere");
        require(httpPort == 0 || httpTls != null || loopback(httpHost), Settings.HTTP_HOST, "is " + httpHost
                + ", not a loopback address: the logins of the web page and /metrics (HTTP Basic) would cross the"
                + " network in clear text; set http.tls_keystore and http.tls_password to serve HTTPS, or bind to"
                + " loopback behind a TLS proxy");
        require(replyPrefix == null || REPLY_PREFIX.matcher(replyPrefix).matches(), Settings.BROKER_REPLY_PREFIX,
                "must be the start of an address name (letters, digits, '.', '_', '-', '/', 1 to 200 of them;"
                + " no wildcard '#' or '*', no '::'), was '" + replyPrefix + "'");
        require(localCores >= 1, Settings.LOCAL_CORES, "must be at least 1, was " + localCores);
        require(localMemoryMb >= 1, Settings.LOCAL_MEMORY, "must be at least 1 MB, was " + localMemoryMb);
        require(batchThreads >= 4, Settings.BATCH_THREADS, "must be at least 4, was " + batchThreads);
        require(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(), Settings.POLL_INTERVAL,
                "must be longer than zero, was " + pollInterval);
        dataDir = dataDir.toAbsolutePath().normalize();
        workDir = workDir == null ? null : workDir.toAbsolutePath().normalize();
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles == null ? Map.of() : profiles));
        source = source == null ? ConfigSource.NONE : source;
        grids = grids == null ? Grids.none() : grids;
        scaleOut = scaleOut == null ? ScaleOut.defaults() : scaleOut;
        flowsDir = flowsDir == null ? dataDir.resolve("flows") : flowsDir.toAbsolutePath().normalize();
        brokerUsers = brokerUsers == null ? null : brokerUsers.toAbsolutePath().normalize();
        require(workDir == null || !workDir.startsWith(dataDir.resolve("broker")) && !workDir.startsWith(
                dataDir.resolve("db")), Settings.WORK_ROOT, "must not be inside the broker journal or the database ("
                + dataDir.resolve("broker") + ", " + dataDir.resolve("db") + "), was " + workDir);
    }

    /** The settings of the walking skeleton; the rest take their defaults, cluster backends and HTTP off. */
    public MusterConfig(Path dataDir, String brokerHost, int brokerPort, int localCores, long localMemoryMb,
                        int batchThreads) {
        this(dataDir, brokerHost, brokerPort, localCores, localMemoryMb, batchThreads, null, DEFAULT_POLL_INTERVAL,
                null, Map.of(), ConfigSource.NONE, null, null, null, DEFAULT_HTTP_HOST, 0, null, null, null, null);
    }

    /** A loopback address by its text alone (nothing is looked up): 127.x.y.z, ::1, localhost. */
    static boolean loopback(String host) {
        String h = host.strip();
        return h.equals("localhost") || h.equals("::1") || h.equals("[::1]") || h.matches("127(\\.\\d{1,3}){3}");
    }

    public MusterConfig withHttpPort(int port) {
        return with(c -> c.httpPort = port);
    }

    public MusterConfig withHttpHost(String host) {
        return with(c -> c.httpHost = host);
    }

    private static void require(boolean ok, Setting setting, String message) {
        if (!ok) {
            throw new IllegalArgumentException("setting " + setting.id() + " " + message);
        }
    }

    /**
     * Defaults, then {@code ~/.muster/muster.toml} (or {@code $MUSTER_CONFIG}) if it exists,
     * then {@code MUSTER_HOME}, {@code MUSTER_BROKER_PORT}, ... from the environment.
     *
     * @throws ConfigException naming the file and line, or the variable, of a bad setting
     */
    public static MusterConfig fromEnvironment() {
        return ConfigLoader.load();
    }

    /** Defaults and the given environment, no file. */
    static MusterConfig fromEnvironment(Map<String, String> env) {
        return ConfigLoader.load(null, env, false);
    }

    /** Built-in defaults and this process's environment, without reading any file. */
    public static MusterConfig defaults() {
        return fromEnvironment(System.getenv());
    }

    public static long defaultLocalMemoryMb() {
        long bytes = MachineMemory.totalBytes();
        return Math.max(1, (long) (bytes * LOCAL_MEMORY_SHARE) >> 20);
    }

    /**
     * The root job files live under ({@code jobs/ID/} below it); option paths must stay inside
     * it: {@code jobs.work_root}, else the data directory.
     */
    public Path workRoot() {
        return workDir != null ? workDir : dataDir;
    }

    public Path brokerDir() {
        return dataDir.resolve("broker");
    }

    /**
     * What no job file may reach, even inside the work root (by default the work root is the data
     * directory, which holds them): the H2 database's directory, the broker journal, the users
     * file, the configuration file, the flows directory and Grid Engine's exit codes
     * ({@code WORK_ROOT/sge}, which the wrappers write by Grid Engine id).
     */
    public java.util.List<Path> protectedPaths() {
        java.util.List<Path> out = new java.util.ArrayList<>();
        h2Directory().ifPresent(out::add);
        out.add(brokerDir());
        out.add(flowsDir);
        out.add(workRoot().resolve("sge"));
        if (brokerUsers != null) {
            out.add(brokerUsers);
        }
        if (source.file() != null) {
            out.add(source.file().toAbsolutePath().normalize());
        }
        return java.util.List.copyOf(out);
    }

    /** The directory of an H2 file database ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}), if the store is one. */
    java.util.Optional<Path> h2Directory() {
        String url = jdbcUrl();
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")
                || url.startsWith("jdbc:h2:ssl:")) {
            return java.util.Optional.empty();
        }
        String path = url.substring("jdbc:h2:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int semicolon = path.indexOf(';');
        path = semicolon < 0 ? path : path.substring(0, semicolon);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        try {
            Path file = Path.of(path).toAbsolutePath().normalize();
            return java.util.Optional.ofNullable(file.getParent());
        } catch (java.nio.file.InvalidPathException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * H2's settings for the embedded default. {@code QUERY_CACHE_SIZE}: JBeret runs some twenty
     * different statements; cache them all per connection (default 8). The job store writes each
     * new job out before its message is committed (see {@code JobStore}).
     */
    public static final String H2_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";

    /** {@code database.url}, else an H2 file in {@code <data dir>/db}. */
    public String jdbcUrl() {
        return databaseUrl != null ? databaseUrl
                : "jdbc:h2:file:" + dataDir.resolve("db").resolve("muster") + H2_SETTINGS;
    }

    /** Another database: its URL, and the login (null for none) it takes. */
    public MusterConfig withDatabase(String url, String user, String password) {
        return with(c -> {
            c.databaseUrl = url;
            c.scaleOut = new ScaleOut(user, password, scaleOut.leaseTime(), scaleOut.hostName());
        });
    }

    public MusterConfig withScaleOut(ScaleOut settings) {
        return with(c -> c.scaleOut = settings);
    }

    public MusterConfig withDataDir(Path dir) {
        return with(c -> c.dataDir = dir);
    }

    public MusterConfig withBrokerHost(String host) {
        return with(c -> c.brokerHost = host);
    }

    public MusterConfig withBrokerPort(int port) {
        return with(c -> c.brokerPort = port);
    }

    public MusterConfig withLocalCores(int cores) {
        return with(c -> c.localCores = cores);
    }

    public MusterConfig withLocalMemoryMb(long mb) {
        return with(c -> c.localMemoryMb = mb);
    }

    public MusterConfig withProfiles(Map<String, Map<String, Object>> tables) {
        return with(c -> c.profiles = tables);
    }

    /** These settings for their backend ({@link GridSettings#backend()}), the others kept. */
    public MusterConfig withGrid(GridSettings settings) {
        return with(c -> c.grids = grids.with(settings));
    }

    /** The settings of cluster backend {@code name}: off in a configuration built in code unless set. */
    public GridSettings grid(String name) {
        return grids.get(name);
    }

    public GridSettings slurm() {
        return grid("slurm");
    }

    public GridSettings torque() {
        return grid("torque");
    }

    public MusterConfig withSlurm(GridSettings settings) {
        return withGrid(settings);
    }

    public MusterConfig withTorque(GridSettings settings) {
        return withGrid(settings);
    }

    public MusterConfig withFlowsDir(Path dir) {
        return with(c -> c.flowsDir = dir);
    }

    public MusterConfig withBrokerUsers(Path file) {
        return with(c -> c.brokerUsers = file);
    }

    /**
     * The name of this host's local pool: {@code local.host}, else the machine's host name (its
     * first label), else {@code localhost}.
     */
    public String localHost() {
        if (scaleOut.hostName() != null) {
            return scaleOut.hostName();
        }
        String name;
        try {
            name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        int dot = name.indexOf('.');
        name = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() ? "localhost" : name;
    }

    /** This configuration as a client of the broker at {@code broker}, or embedding one when null. */
    public MusterConfig withExternalBroker(ExternalBrokerSettings broker) {
        return with(c -> c.externalBroker = broker);
    }

    /** This configuration with {@code database.url} (null for the H2 file in the data directory). */
    public MusterConfig withDatabaseUrl(String url) {
        return with(c -> c.databaseUrl = url);
    }

    /** This configuration with {@code broker.reply_prefix} (null for any reply address but Muster's own). */
    public MusterConfig withReplyPrefix(String prefix) {
        return with(c -> c.replyPrefix = prefix);
    }

    /** This configuration serving HTTPS with {@code tls}, or plain HTTP when null. */
    public MusterConfig withHttpTls(HttpTls tls) {
        return with(c -> c.httpTls = tls);
    }

    private MusterConfig with(java.util.function.Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The components of a configuration while one of them is changed; the constructor checks the result. */
    private static final class Copy {
        Path dataDir;
        String brokerHost;
        int brokerPort;
        int localCores;
        long localMemoryMb;
        int batchThreads;
        Path workDir;
        Duration pollInterval;
        String databaseUrl;
        Map<String, Map<String, Object>> profiles;
        ConfigSource source;
        Grids grids;
        Path flowsDir;
        Path brokerUsers;
        String httpHost;
        int httpPort;
        ExternalBrokerSettings externalBroker;
        HttpTls httpTls;
        ScaleOut scaleOut;
        String replyPrefix;

        Copy(MusterConfig c) {
            dataDir = c.dataDir;
            brokerHost = c.brokerHost;
            brokerPort = c.brokerPort;
            localCores = c.localCores;
            localMemoryMb = c.localMemoryMb;
            batchThreads = c.batchThreads;
            workDir = c.workDir;
            pollInterval = c.pollInterval;
            databaseUrl = c.databaseUrl;
            profiles = c.profiles;
            source = c.source;
            grids = c.grids;
            // the default flows directory is the data directory's: it moves with a new one (--data-dir)
            flowsDir = c.flowsDir.equals(c.dataDir.resolve("flows")) ? null : c.flowsDir;
            brokerUsers = c.brokerUsers;
            httpHost = c.httpHost;
            httpPort = c.httpPort;
            externalBroker = c.externalBroker;
            httpTls = c.httpTls;
            scaleOut = c.scaleOut;
            replyPrefix = c.replyPrefix;
        }

        MusterConfig build() {
            return new MusterConfig(dataDir, brokerHost, brokerPort, localCores, localMemoryMb, batchThreads, workDir,
                    pollInterval, databaseUrl, profiles, source, grids, flowsDir, brokerUsers, httpHost, httpPort,
                    externalBroker, httpTls, scaleOut, replyPrefix);
        }
    }

    /** Whether Muster is a client of another broker ({@code broker.url}) instead of embedding one. */
    public boolean brokerExternal() {
        return externalBroker != null;
    }

    /** Whether the broker checks logins: only when a users file is set. */
    public boolean brokerSecured() {
        return brokerUsers != null;
    }
}
