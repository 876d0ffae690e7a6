package io.muster.scheduler.sge;

import io.muster.config.GridSettings;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.CommandRunner;
import io.muster.scheduler.ProcessCommandRunner;
import io.muster.testing.RealService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real Grid Engine cell the integration tests run against ({@code server-config/gridengine/start.sh}
 * starts one). Its commands are in {@code $MUSTER_SGE_BIN_DIR}, else Debian's
 * {@value #DEBIAN_BIN} when it exists, else on the PATH; clients need {@code SGE_ROOT} (and
 * {@code SGE_CELL}) in the environment. Without the cell a local run skips the tests with the
 * reason; CI ({@code CI=true}) fails them.
 */
public final class SgeCell {

    /** Where Debian's gridengine-client keeps the real binaries (the /usr/bin wrappers cost 0.7 s a call). */
    static final String DEBIAN_BIN = "/usr/lib/gridengine";

    private SgeCell() {
    }

    /** The directory of the Grid Engine commands, or null for the PATH. */
    public static Path binDir() {
        String configured = System.getenv("MUSTER_SGE_BIN_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        Path debian = Path.of(DEBIAN_BIN);
        return Files.isExecutable(debian.resolve("qsub")) ? debian : null;
    }

    /** Grid Engine settings for the tests: the defaults, with the commands from {@link #binDir()}. */
    public static GridSettings settings() {
        return GridSettings.defaults("sge").withBinDir(binDir());
    }

    /** Skips (locally) or fails (in CI) the calling test when the cell does not answer. */
    public static void assumeRunning() {
        String why = unavailable();
        RealService.require(why == null ? null : "the Grid Engine cell does not answer: " + why
                + "; start one with: bash server-config/gridengine/start.sh (and export SGE_ROOT=/var/lib/gridengine)");
    }

    private static String unavailable() {
        String root = System.getenv("SGE_ROOT");
        if (root == null || root.isBlank()) {
            return "SGE_ROOT is not set";
        }
        GridSettings settings = settings();
        for (String program : List.of("qsub", "qstat", "qacct", "qdel", "qconf")) {
            if (settings.locate(program).isEmpty()) {
                return program + " is not " + (settings.binDir() == null ? "on the PATH" : "in " + settings.binDir());
            }
        }
        try {
            CommandResult queues = run(settings, "qconf", "-sql");
            return queues.succeeded() ? null : "qconf -sql failed (exit " + queues.exitCode() + "): " + queues.output();
        } catch (Exception e) {
            return "qconf -sql could not be run: " + e.getMessage();
        }
    }

    /** Runs a Grid Engine command from {@link #binDir()}. */
    static CommandResult run(GridSettings settings, String... command)
            throws CommandRunner.CommandException, InterruptedException {
        return new ProcessCommandRunner().run(settings.resolve(List.of(command)), Duration.ofSeconds(30));
    }
}
