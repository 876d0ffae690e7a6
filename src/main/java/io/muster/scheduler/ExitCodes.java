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

    /** The recorded exit code, or empty if the wrapper has not written it (yet). */
    public static Optional<Integer> read(JobFiles files) {
        try {
            String text = Files.readString(files.exitCode()).trim();
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
