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
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return p;
            } catch (java.io.IOException notYet) {
                assertThat(p.isAlive()).as("the server keeps running (see %s)", log).isTrue();
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the server did not listen on " + port + " within " + wait);
    }
}
