package io.muster.scheduler.torque;

import io.muster.scheduler.CommandResult;
import io.muster.scheduler.CommandRunner;
import io.muster.scheduler.ProcessCommandRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Whether the PBS commands of this machine can be tested against, for the ITs to skip with a reason. */
public final class PbsCommands {

    private PbsCommands() {
    }

    /** Why the PBS commands cannot be tested here, or null if qsub, qstat and qdel are there and answer. */
    public static String whyUnavailable() throws Exception {
        for (String program : List.of("qsub", "qstat", "qdel")) {
            if (!onPath(program)) {
                return program + " is not on the PATH: no PBS commands to test against";
            }
        }
        CommandResult queues;
        try {
            queues = new ProcessCommandRunner().run(List.of("qstat", "-Q"), Duration.ofSeconds(20));
        } catch (CommandRunner.CommandException e) {
            return "qstat -Q could not be run: " + e.getMessage();
        }
        return queues.succeeded() ? null : "qstat -Q does not answer (exit " + queues.exitCode() + ": "
                + queues.output() + "): no PBS server or Slurm cluster is running";
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, program))) {
                return true;
            }
        }
        return false;
    }
}
