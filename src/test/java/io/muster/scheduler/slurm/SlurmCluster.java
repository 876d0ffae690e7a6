package io.muster.scheduler.slurm;


import io.muster.scheduler.CommandResult;
import io.muster.scheduler.ProcessCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import io.muster.testing.RealService;

/**
 * The real Slurm cluster the integration tests run against (server-config/slurm/start.sh starts
 * one). Without it a local run skips them with the reason; in CI ({@code CI=true}), which starts
 * the cluster, its absence fails them.
 */
public final class SlurmCluster {

    private SlurmCluster() {
    }

    public static void assumeRunning() {
        RealService.require(whyUnavailable());
    }

    /** Why no Slurm cluster can be tested against here, or null when one answers. */
    public static String whyUnavailable() {
        String why = unavailable();
        return why == null ? null : "the Slurm cluster does not answer: " + why
                + "; start one with: bash server-config/slurm/start.sh";
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
