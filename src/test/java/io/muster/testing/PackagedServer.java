package io.muster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The packaged server ({@code muster server}) as a process of its own, for tests that kill or
 * stop it: started on a data directory and a broker port, with every cluster backend off unless
 * the test turns one on, and returned once its port answers.
 */
public final class PackagedServer {

    private PackagedServer() {
    }

    /** Stops a server a test started, if it still runs (SIGTERM, then up to 30 s): an {@code @AfterEach}. */
    public static void stopIfAlive(Process server) throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * @param backends settings that win over "every cluster backend off" ({@code MUSTER_SLURM=on})
     * @param log      the server's output, written anew at each start
     */
    public static Process start(Path dataDir, int port, int httpPort, Path log, Map<String, String> backends,
                                Duration wait) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Processes.muster("server", "--data-dir", dataDir.toString(),
                "--port", String.valueOf(port), "--http-port", String.valueOf(httpPort), "--local-cores", "2"))
                .redirectOutput(log.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        for (String backend : List.of("MUSTER_SLURM", "MUSTER_TORQUE", "MUSTER_SGE")) {
            pb.environment().put(backend, "off");
        }
        pb.environment().putAll(backends);
        Process p = pb.start();
        long deadline = System.nanoTime() + wait.toNanos();
        // Ready once it says so: its broker takes connections before the server has started, and
        // a client that connected then waited out its call timeout for the broker's topology
        // (CrashBurstIT, a restart that resumed 280 jobs).
        while (System.nanoTime() < deadline) {
            if (saysListening(log) && accepts(port)) {
                return p;
            }
            assertThat(p.isAlive()).as("the server keeps running (see %s)", log).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the server did not say it listens on " + port + " within " + wait + " (see " + log
                + ")");
    }

    private static boolean saysListening(Path log) throws java.io.IOException {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            return lines.anyMatch(line -> line.contains("Muster is listening on"));
        } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException notYet) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException notYet) {
            return false;
        }
    }

    /**
     * A packaged server that is a client of an external broker: {@code env} names it
     * ({@code MUSTER_BROKER_URL}, the database, ...); returned once {@code /health/ready} says 200.
     */
    public static Process onBroker(Path dataDir, Path log, Map<String, String> env, Duration wait) throws Exception {
        int http = TestServer.freePort();
        ProcessBuilder pb = new ProcessBuilder(Processes.muster("server", "--data-dir", dataDir.toString(),
                "--http-port", String.valueOf(http), "--local-cores", "2"))
                .redirectOutput(log.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        for (String backend : List.of("MUSTER_SLURM", "MUSTER_TORQUE", "MUSTER_SGE")) {
            pb.environment().put(backend, "off");
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + http + "/health/ready")).build();
        try {
            org.awaitility.Awaitility.await().atMost(wait).pollInterval(Duration.ofMillis(300)).until(() -> {
                assertThat(p.isAlive()).as("the server keeps running (see %s)", log).isTrue();
                try {
                    return client.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
    }
}
