package io.muster.scheduler.slurm;

import static org.junit.jupiter.api.Assertions.fail;

import io.muster.scheduler.CommandResult;
import io.muster.scheduler.ProcessCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Slurm cluster the integration tests run against (server-config/slurm/start.sh starts
 * one). Without it a local run skips them with the reason; in CI ({@code CI=true}), which starts
 * the cluster, its absence fails them.
 */
final class SlurmCluster {

    private SlurmCluster() {
    }

    static void assumeRunning() {
        String why = unavailable();
        if (why == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI must start the Slurm cluster (server-config/slurm/start.sh), but " + why);
        }
        Assumptions.abort("Slurm integration tests skipped: " + why
                + "; start a cluster with: bash server-config/slurm/start.sh");
    }

    private static String unavailable() {
        boolean installed = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, "sinfo")));
        if (!installed) {
            return "sinfo is not on the PATH";
        }
        try {
            CommandResult ping = run("scontrol", "ping");
            return ping.succeeded() ? null : "the Slurm controller does not answer: " + ping.output();
        } catch (Exception e) {
            return "scontrol ping failed: " + e.getMessage();
        }
    }

    static CommandResult run(String... command) throws Exception {
        return new ProcessCommandRunner().run(List.of(command), Duration.ofSeconds(30));
    }
}
