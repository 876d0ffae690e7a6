package io.muster.cli;

import io.muster.api.JobId;
import io.muster.job.JobFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the files under a directory that look like Muster's by its naming convention: a directory
 * named as a job id ({@link JobId}), holding files named as {@link JobFiles} names them. Anything
 * else, including files the jobs wrote themselves, is never a candidate.
 */
final class JobFileSweep {

    /** One job directory: the files to delete, or why it is left alone. */
    record Found(Path dir, List<Path> files, String skipped) {
    }

    private JobFileSweep() {
    }

    /**
     * Looks in {@code root} itself and up to three levels below it (a data directory holds
     * {@code work/jobs/ID}).
     */
    static List<Found> find(Path root, boolean outputs) throws IOException {
        List<Found> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(root, 3)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (!JobId.looksLikeJobId(dir.getFileName().toString())) {
                    continue;
                }
                JobFiles files = new JobFiles(dir);
                if (Files.exists(files.pid()) && !Files.exists(files.exitCode())) {
                    found.add(new Found(dir, List.of(), "it has a pid file but no exit code: the job may still run"));
                    continue;
                }
                List<Path> candidates = new ArrayList<>(files.scripts());
                if (outputs) {
                    candidates.addAll(files.outputs());
                }
                List<Path> present = candidates.stream().filter(Files::isRegularFile).toList();
                if (!present.isEmpty()) {
                    found.add(new Found(dir, present, null));
                }
            }
        }
        return found;
    }

    /** Deletes the files found, then each directory left empty; returns how many paths went. */
    static int delete(List<Found> found) throws IOException {
        int deleted = 0;
        for (Found f : found) {
            for (Path file : f.files()) {
                if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
            if (f.skipped() == null) {
                try {
                    if (Files.deleteIfExists(f.dir())) {
                        deleted++;
                    }
                } catch (DirectoryNotEmptyException e) {
                    // the job's own files stay, and so does their directory
                }
            }
        }
        return deleted;
    }
}
