package io.muster.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of one grid scheduler backend (Slurm, Torque), checked once at start.
 *
 * @param backend          the backend these settings are for (slurm, torque); names the settings in messages
 * @param mode             {@code auto}: run it when its commands are on the PATH and its controller
 *                         answers; {@code on}: always (a missing controller shows as failed jobs);
 *                         {@code off}: never
 * @param pollInterval     how often one status command asks for all tracked jobs
 * @param submitsPerSecond the most submit commands per second, to spare the controller
 * @param commandTimeout   how long one scheduler command may take before it counts as failed
 * @param submitRetries    how often a submit is tried again after a transient error, with back-off
 * @param binDir           the directory the scheduler's commands are run from ({@code /opt/pbs/bin},
 *                         {@code $SGE_ROOT/bin/lx-amd64}), or null to find them on the PATH
 */
public record GridSettings(String backend, Mode mode, Duration pollInterval, int submitsPerSecond, Duration commandTimeout,
                           int submitRetries, Path binDir) {

    public enum Mode { AUTO, ON, OFF }

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(10);
    public static final int DEFAULT_SUBMITS_PER_SECOND = 100;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_SUBMIT_RETRIES = 5;

    public GridSettings {
        if (backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("grid settings need the backend's name");
        }
        require(backend, mode != null, "mode", "must be auto, on or off");
        require(backend, pollInterval != null && pollInterval.compareTo(MIN_POLL_INTERVAL) >= 0, "poll-interval",
                "must be at least " + MIN_POLL_INTERVAL.toMillis() + " ms, was " + millis(pollInterval));
        require(backend, submitsPerSecond >= 1 && submitsPerSecond <= 10_000, "submits-per-second",
                "must be 1 to 10000, was " + submitsPerSecond);
        require(backend, commandTimeout != null && commandTimeout.toMillis() >= 100, "command-timeout",
                "must be at least 100 ms, was " + millis(commandTimeout));
        require(backend, submitRetries >= 0 && submitRetries <= 100, "submit-retries",
                "must be 0 to 100, was " + submitRetries);
        require(backend, binDir == null || binDir.isAbsolute(), "bin_dir", "must be an absolute path, was " + binDir);
    }

    /** Settings whose commands are found on the PATH. */
    public GridSettings(String backend, Mode mode, Duration pollInterval, int submitsPerSecond, Duration commandTimeout,
                        int submitRetries) {
        this(backend, mode, pollInterval, submitsPerSecond, commandTimeout, submitRetries, null);
    }

    /**
     * Where {@code program} (qsub, sbatch) is run from: {@link #binDir} when it is set, else the
     * first directory of the PATH that holds it; empty if it is nowhere.
     */
    public Optional<Path> locate(String program) {
        if (binDir != null) {
            Path candidate = binDir.resolve(program);
            return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
        }
        return Executables.onPath(program);
    }

    /**
     * The command as it is run: its program taken from {@link #binDir} when that is set and the
     * program is a bare name; otherwise unchanged (then the PATH finds it).
     */
    public List<String> resolve(List<String> command) {
        if (binDir == null || command.isEmpty() || command.get(0).contains("/")) {
            return command;
        }
        List<String> out = new ArrayList<>(command);
        out.set(0, binDir.resolve(command.get(0)).toString());
        return List.copyOf(out);
    }

    public static GridSettings defaults(String backend) {
        return new GridSettings(backend, Mode.AUTO, DEFAULT_POLL_INTERVAL, DEFAULT_SUBMITS_PER_SECOND, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_SUBMIT_RETRIES, null);
    }

    /**
     * Defaults overridden by {@code MUSTER_<BACKEND>} (the mode: auto, on, off),
     * {@code MUSTER_<BACKEND>_POLL_MS}, {@code MUSTER_<BACKEND>_SUBMITS_PER_SECOND} and
     * {@code MUSTER_<BACKEND>_TIMEOUT_MS} and {@code MUSTER_<BACKEND>_BIN_DIR}, e.g.
     * {@code MUSTER_SLURM=off}, {@code MUSTER_TORQUE_BIN_DIR=/opt/pbs/bin}.
     */
    public static GridSettings fromEnvironment(Map<String, String> env, String backend) {
        String base = "MUSTER_" + backend.toUpperCase(Locale.ROOT);
        GridSettings d = defaults(backend);
        return new GridSettings(backend, mode(env.get(base), base),
                Duration.ofMillis(number(env, base + "_POLL_MS", d.pollInterval.toMillis())),
                (int) number(env, base + "_SUBMITS_PER_SECOND", d.submitsPerSecond),
                Duration.ofMillis(number(env, base + "_TIMEOUT_MS", d.commandTimeout.toMillis())),
                d.submitRetries, directory(env, base + "_BIN_DIR"));
    }

    public GridSettings withMode(Mode newMode) {
        return new GridSettings(backend, newMode, pollInterval, submitsPerSecond, commandTimeout, submitRetries, binDir);
    }

    public GridSettings withPollInterval(Duration interval) {
        return new GridSettings(backend, mode, interval, submitsPerSecond, commandTimeout, submitRetries, binDir);
    }

    public GridSettings withSubmitsPerSecond(int rate) {
        return new GridSettings(backend, mode, pollInterval, rate, commandTimeout, submitRetries, binDir);
    }

    /** @param dir the directory of the scheduler's commands, or null for the PATH */
    public GridSettings withBinDir(Path dir) {
        return new GridSettings(backend, mode, pollInterval, submitsPerSecond, commandTimeout, submitRetries, dir);
    }

    private static Path directory(Map<String, String> env, String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return binDir(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable " + variable + " (or " + backendOf(variable)
                    .replace("_bin_dir", ".bin_dir") + ") " + e.getMessage());
        }
    }

    private static Mode mode(String value, String variable) {
        if (value == null || value.isBlank()) {
            return Mode.AUTO;
        }
        try {
            return mode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable " + variable + " (or " + backendOf(variable)
                    + ".enabled) " + e.getMessage());
        }
    }

    /**
     * {@code <backend>.enabled} as written: auto, on, off, or true/false for on/off.
     *
     * @throws IllegalArgumentException "must be auto, on or off, was '...'"
     */
    public static Mode mode(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return v.equalsIgnoreCase("true") ? Mode.ON : Mode.OFF;
        }
        try {
            return Mode.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be auto, on or off, was '" + value + "'");
        }
    }

    /**
     * {@code <backend>.bin_dir} as written.
     *
     * @throws IllegalArgumentException "must be an absolute path, was '...'"
     */
    public static Path binDir(String value) {
        Path dir = value.isBlank() ? null : Path.of(value.trim());
        if (dir == null || !dir.isAbsolute()) {
            throw new IllegalArgumentException("must be an absolute path, was '" + value + "'");
        }
        return dir.normalize();
    }

    private static String backendOf(String variable) {
        return variable.substring("MUSTER_".length()).toLowerCase(Locale.ROOT);
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + name + " must be a whole number, was '"
                    + value + "'");
        }
    }

    private static String millis(Duration d) {
        return d == null ? "unset" : d.toMillis() + " ms";
    }

    private static void require(String backend, boolean ok, String setting, String message) {
        if (!ok) {
            throw new IllegalArgumentException("setting " + backend + "." + setting + " " + message);
        }
    }
}
