package io.muster.testing;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Artemis broker of a test's own, from the unpacked distribution, made by
 * {@code server-config/artemis/instance.sh} (the script CI's brokers are made with) on a free
 * loopback port, and run as a child process so the test can kill it ({@code kill -9}) and start it
 * again on the same journal.
 */
public final class ArtemisBroker implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private Process process;

    private ArtemisBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * Makes an instance in {@code dir}.
     *
     * @param config   {@code broker.xml} or {@code cluster-node.xml} of {@code server-config/artemis}
     * @param peerPort the other node's port for {@code cluster-node.xml}, else 0
     */
    public static ArtemisBroker create(Path dir, int port, String config, int peerPort) throws Exception {
        Path home = ExternalBrokers.artemisHome();
        List<String> command = new ArrayList<>(List.of("bash", Path.of("server-config/artemis/instance.sh")
                .toAbsolutePath().toString(), dir.toString(), String.valueOf(port), config));
        if (peerPort > 0) {
            command.add(String.valueOf(peerPort));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Files.createTempFile("instance", ".log").toFile()));
        pb.environment().put("ARTEMIS_HOME", home.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("instance.sh " + command + " failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                    + ")");
        }
        return new ArtemisBroker(dir, port);
    }

    /** A standalone broker (broker.xml) on a free port, started. */
    public static ArtemisBroker standalone(Path dir) throws Exception {
        ArtemisBroker broker = create(dir, TestServer.freePort(), "broker.xml", 0);
        broker.start();
        return broker;
    }

    /** The instance's etc/ directory, for a test that changes its configuration before start. */
    public Path etc() {
        return dir.resolve("etc");
    }

    /** A 2-node cluster (cluster-node.xml) on free ports, both started (at once: each takes a while). */
    public static List<ArtemisBroker> cluster(Path dir) throws Exception {
        int first = TestServer.freePort();
        int second = TestServer.freePort();
        List<ArtemisBroker> nodes = List.of(create(dir.resolve("node1"), first, "cluster-node.xml", second),
                create(dir.resolve("node2"), second, "cluster-node.xml", first));
        java.util.concurrent.ExecutorService starts = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Object>> started = new ArrayList<>();
            for (ArtemisBroker node : nodes) {
                started.add(starts.submit(() -> {
                    node.start();
                    return null;
                }));
            }
            for (java.util.concurrent.Future<Object> f : started) {
                f.get();
            }
        } finally {
            starts.shutdownNow();
        }
        return nodes;
    }

    /** Starts the broker and returns once its port answers. */
    public synchronized void start() throws Exception {
        Path log = dir.resolve("log").resolve("console.log");
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(dir.resolve("bin").resolve("artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("broker " + dir + " ended at start: " + tail(log));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("broker " + dir + " did not answer on " + port + " within " + START + ": " + tail(log));
    }

    private boolean answers() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    /** {@code kill -9}: the broker's JVM ends at once, journal as it is. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
