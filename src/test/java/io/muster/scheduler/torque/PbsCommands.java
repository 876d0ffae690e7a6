package io.muster.scheduler.torque;

import io.muster.config.GridSettings;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.CommandRunner;
import io.muster.scheduler.ProcessCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The PBS commands the Torque tests run against, and whether they can be: on the test machine,
 * Slurm's PBS wrappers, which {@code server-config/slurm/start.sh} unpacks from
 * {@code slurm-wlm-torque} into a directory of their own (the package is not installed, since it
 * conflicts with {@code gridengine-client}). That directory is {@code $MUSTER_TORQUE_BIN_DIR},
 * else {@value #UNPACKED} when it exists, else the commands are looked for on the PATH.
 */
public final class PbsCommands {

    /** Where start.sh unpacks the wrappers by default ({@code $MUSTER_SLURM_PBS_DIR/usr/bin}). */
    static final String UNPACKED = "/var/tmp/muster-slurm/pbs/usr/bin";

    private PbsCommands() {
    }

    /** The directory of the PBS commands, or null for the PATH. */
    public static Path binDir() {
        String configured = System.getenv("MUSTER_TORQUE_BIN_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        Path unpacked = Path.of(UNPACKED);
        return Files.isExecutable(unpacked.resolve("qsub")) ? unpacked : null;
    }

    /** Torque settings for the tests: the default ones, with the commands from {@link #binDir()}. */
    public static GridSettings settings() {
        return GridSettings.defaults("torque").withBinDir(binDir());
    }

    /** Why the PBS commands cannot be tested here, or null if qsub, qstat and qdel are there and answer. */
    public static String whyUnavailable() throws Exception {
        GridSettings settings = settings();
        String where = settings.binDir() == null ? "on the PATH" : "in " + settings.binDir();
        for (String program : List.of("qsub", "qstat", "qdel")) {
            if (settings.locate(program).isEmpty()) {
                return program + " is not " + where + ": no PBS commands to test against"
                        + " (server-config/slurm/start.sh unpacks Slurm's into " + UNPACKED + ")";
            }
        }
        CommandResult queues;
        try {
            queues = new ProcessCommandRunner().run(settings.resolve(List.of("qstat", "-Q")), Duration.ofSeconds(20));
        } catch (CommandRunner.CommandException e) {
            return "qstat -Q could not be run: " + e.getMessage();
        }
        return queues.succeeded() ? null : "qstat -Q does not answer (exit " + queues.exitCode() + ": "
                + queues.output() + "): no PBS server or Slurm cluster is running";
    }
}
