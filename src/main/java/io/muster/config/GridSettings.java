package io.muster.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

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
 */
public record GridSettings(String backend, Mode mode, Duration pollInterval, int submitsPerSecond, Duration commandTimeout,
                           int submitRetries) {

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
    }

    public static GridSettings defaults(String backend) {
        return new GridSettings(backend, Mode.AUTO, DEFAULT_POLL_INTERVAL, DEFAULT_SUBMITS_PER_SECOND, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_SUBMIT_RETRIES);
    }

    /**
     * Defaults overridden by {@code MUSTER_<BACKEND>} (the mode: auto, on, off),
     * {@code MUSTER_<BACKEND>_POLL_MS}, {@code MUSTER_<BACKEND>_SUBMITS_PER_SECOND} and
     * {@code MUSTER_<BACKEND>_TIMEOUT_MS}, e.g. {@code MUSTER_SLURM=off}.
     */
    public static GridSettings fromEnvironment(Map<String, String> env, String backend) {
        String base = "MUSTER_" + backend.toUpperCase(Locale.ROOT);
        GridSettings d = defaults(backend);
        return new GridSettings(backend, mode(env.get(base), base),
                Duration.ofMillis(number(env, base + "_POLL_MS", d.pollInterval.toMillis())),
                (int) number(env, base + "_SUBMITS_PER_SECOND", d.submitsPerSecond),
                Duration.ofMillis(number(env, base + "_TIMEOUT_MS", d.commandTimeout.toMillis())),
                d.submitRetries);
    }

    public GridSettings withMode(Mode newMode) {
        return new GridSettings(backend, newMode, pollInterval, submitsPerSecond, commandTimeout, submitRetries);
    }

    public GridSettings withPollInterval(Duration interval) {
        return new GridSettings(backend, mode, interval, submitsPerSecond, commandTimeout, submitRetries);
    }

    public GridSettings withSubmitsPerSecond(int rate) {
        return new GridSettings(backend, mode, pollInterval, rate, commandTimeout, submitRetries);
    }

    private static Mode mode(String value, String variable) {
        if (value == null || value.isBlank()) {
            return Mode.AUTO;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable " + variable + " must be auto, on or off, was '"
                    + value + "'");
        }
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
