package io.muster.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Muster's settings, typed and checked once at start. Every setting has a default here; the
 * environment ({@code MUSTER_*}) and command-line flags override it.
 *
 * @param dataDir       broker journal, database and job files live below it
 * @param brokerHost    address the TCP acceptor binds to; loopback unless users and roles are set
 * @param brokerPort    TCP port of the acceptor (0 = no TCP acceptor, in-VM only)
 * @param localCores    cores the local pool may keep busy
 * @param localMemoryMb memory the local pool may hand out, in MB
 * @param batchThreads  JBeret threads; each submitted job holds one while it waits (flows run on a
 *                      pool of their own that grows on demand; this only holds back new flows)
 * @param flowsDir      directory of users' flows (job XML), besides the batch-jobs that ship;
 *                      null means {@code dataDir/flows}
 */
public record MusterConfig(Path dataDir, String brokerHost, int brokerPort, int localCores, long localMemoryMb,
                           int batchThreads, Path flowsDir) {

    public static final String DEFAULT_BROKER_HOST = "127.0.0.1";
    public static final int DEFAULT_BROKER_PORT = 61616;
    public static final int DEFAULT_BATCH_THREADS = 256;
    /** The local pool leaves this share of the machine's memory to everything else. */
    public static final double LOCAL_MEMORY_SHARE = 0.9;

    public static final String SUBMIT_QUEUE = "muster.submit";
    public static final String REJECTED_QUEUE = "muster.rejected";
    public static final String EVENTS_TOPIC = "muster.events";

    public MusterConfig {
        require(dataDir != null, "dataDir", "must be set");
        require(brokerPort >= 0 && brokerPort <= 65535, "broker.port", "must be 0 (no TCP) to 65535, was " + brokerPort);
        require(localCores >= 1, "local.cores", "must be at least 1, was " + localCores);
        require(localMemoryMb >= 1, "local.memory", "must be at least 1 MB, was " + localMemoryMb);
        require(batchThreads >= 4, "batch.threads", "must be at least 4, was " + batchThreads);
        dataDir = dataDir.toAbsolutePath().normalize();
        flowsDir = flowsDir == null ? dataDir.resolve("flows") : flowsDir.toAbsolutePath().normalize();
    }

    public MusterConfig(Path dataDir, String brokerHost, int brokerPort, int localCores, long localMemoryMb,
                        int batchThreads) {
        this(dataDir, brokerHost, brokerPort, localCores, localMemoryMb, batchThreads, null);
    }

    private static void require(boolean ok, String setting, String message) {
        if (!ok) {
            throw new IllegalArgumentException("setting " + setting + " " + message);
        }
    }

    /** Defaults for this machine, then {@code MUSTER_HOME}, {@code MUSTER_BROKER_PORT}, ... from the environment. */
    public static MusterConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static MusterConfig fromEnvironment(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("MUSTER_HOME", System.getProperty("user.home") + "/.muster"));
        return new MusterConfig(home,
                env.getOrDefault("MUSTER_BROKER_HOST", DEFAULT_BROKER_HOST),
                intSetting(env, "MUSTER_BROKER_PORT", DEFAULT_BROKER_PORT),
                intSetting(env, "MUSTER_LOCAL_CORES", Runtime.getRuntime().availableProcessors()),
                intSetting(env, "MUSTER_LOCAL_MEMORY_MB", (int) defaultLocalMemoryMb()),
                intSetting(env, "MUSTER_BATCH_THREADS", DEFAULT_BATCH_THREADS),
                env.containsKey("MUSTER_FLOWS_DIR") ? Path.of(env.get("MUSTER_FLOWS_DIR")) : null);
    }

    private static int intSetting(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + name + " must be a whole number, was '" + value + "'");
        }
    }

    public static long defaultLocalMemoryMb() {
        long bytes = MachineMemory.totalBytes();
        return Math.max(1, (long) (bytes * LOCAL_MEMORY_SHARE) >> 20);
    }

    public Path workRoot() {
        return dataDir.resolve("work");
    }

    public Path brokerDir() {
        return dataDir.resolve("broker");
    }

    public String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("muster") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public MusterConfig withDataDir(Path dir) {
        // a flows directory that followed the old data directory follows the new one
        Path flows = flowsDir.equals(dataDir.resolve("flows")) ? null : flowsDir;
        return new MusterConfig(dir, brokerHost, brokerPort, localCores, localMemoryMb, batchThreads, flows);
    }

    public MusterConfig withBrokerPort(int port) {
        return new MusterConfig(dataDir, brokerHost, port, localCores, localMemoryMb, batchThreads, flowsDir);
    }

    public MusterConfig withLocalCores(int cores) {
        return new MusterConfig(dataDir, brokerHost, brokerPort, cores, localMemoryMb, batchThreads, flowsDir);
    }

    public MusterConfig withFlowsDir(Path dir) {
        return new MusterConfig(dataDir, brokerHost, brokerPort, localCores, localMemoryMb, batchThreads, dir);
    }
}
