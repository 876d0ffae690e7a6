package io.muster.scheduler;

import io.muster.job.JobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/** Reads the exit-code file the wrapper writes: the first source of truth for a job's exit code. */
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
}
