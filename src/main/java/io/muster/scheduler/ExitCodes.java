package io.muster.scheduler;

import io.muster.job.JobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads what the wrapper records: its exit-code file (the first source of truth for a job's
 * exit code) and its start file (the epoch time the job's command began).
 */
public final class ExitCodes {

    private ExitCodes() {
    }

    /**
     * The recorded exit code, or empty if the wrapper has not written it (yet). For an array
     * job: once every task recorded its code, the first task's (in index order) that did not exit
     * 0, else 0; empty while a task has not.
     */
    public static Optional<Integer> read(JobFiles files) {
        Optional<Integer> own = readFile(files.exitCode());
        if (own.isPresent()) {
            return own;
        }
        Optional<java.util.List<Integer>> tasks = files.taskIndices();
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        int first = 0;
        for (int index : tasks.get()) {
            Optional<Integer> code = readFile(JobFiles.task(files.exitCode(), index));
            if (code.isEmpty()) {
                return Optional.empty();
            }
            if (first == 0 && code.get() != 0) {
                first = code.get();
            }
        }
        return Optional.of(first);
    }

    /** The exit code each task of an array job recorded, by index (absent: not yet); empty for no array. */
    public static java.util.Map<Integer, Integer> taskExitCodes(JobFiles files) {
        java.util.Map<Integer, Integer> out = new java.util.LinkedHashMap<>();
        files.taskIndices().ifPresent(tasks -> tasks.forEach(i ->
                readFile(JobFiles.task(files.exitCode(), i)).ifPresent(code -> out.put(i, code))));
        return out;
    }

    /** The first task (in index order) of an array job that did not exit 0, as "task I exited C", if any. */
    public static Optional<String> failedTask(JobFiles files) {
        return taskExitCodes(files).entrySet().stream().filter(e -> e.getValue() != 0).findFirst()
                .map(e -> "task " + e.getKey() + " exited " + e.getValue());
    }

    private static Optional<Integer> readFile(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** When the wrapper started, from its start file; empty before it started. */
    public static Optional<Instant> startedAt(JobFiles files) {
        return readEpoch(files.started());
    }

    /** A file holding {@code $EPOCHREALTIME} ({@code 1764150000.123456}). */
    public static Optional<Instant> readEpoch(Path file) {
        try {
            String text = Files.readString(file).trim();
            int dot = text.indexOf('.');
            long seconds = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
            String fraction = dot < 0 ? "0" : (text.substring(dot + 1) + "000000000").substring(0, 9);
            return Optional.of(Instant.ofEpochSecond(seconds, Long.parseLong(fraction)));
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
