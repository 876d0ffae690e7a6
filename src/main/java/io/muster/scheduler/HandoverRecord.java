package io.muster.scheduler;

import io.muster.job.JobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A cluster job's own record of its hand-over, in its job directory ({@link JobFiles#handover()}):
 * the line {@code intent TIME} written before the submit command runs, then {@code id ID} once the
 * scheduler answered. It outlives a server killed between the submit and the store's record of
 * the id, so a restarted server knows the job was handed over (and as what), or that its submit
 * began and the scheduler must be searched, or, with no file, that it never was submitted.
 *
 * <p>Written without waiting for the disk: it survives a killed server, not a crashed machine.
 */
public final class HandoverRecord {

    private static final String INTENT = "intent ";
    private static final String ID = "id ";

    private HandoverRecord() {
    }

    /** Records that the submit of the job begins now (a new attempt replaces an earlier record). */
    static void intend(JobFiles files, Instant now) throws IOException {
        Files.writeString(files.handover(), INTENT + now + "\n");
    }

    /** Records the id the scheduler gave the job. */
    static void handedOver(JobFiles files, String schedulerId) throws IOException {
        Files.writeString(files.handover(), ID + schedulerId + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** When the last submit of the job began, if one did. */
    public static Optional<Instant> intendedAt(JobFiles files) {
        return value(files, INTENT).flatMap(t -> {
            try {
                return Optional.of(Instant.parse(t));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** The scheduler id the last submit got, if its answer was recorded. */
    public static Optional<String> schedulerId(JobFiles files) {
        return value(files, ID);
    }

    private static Optional<String> value(JobFiles files, String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(files.handover());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        String last = null;
        for (String line : lines) {
            if (line.startsWith(key) && line.length() > key.length()) {
                last = line.substring(key.length()).strip();
            }
        }
        return Optional.ofNullable(last);
    }
}
