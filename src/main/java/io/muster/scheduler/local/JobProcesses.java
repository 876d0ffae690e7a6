package io.muster.scheduler.local;

import io.muster.job.JobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** What the files and the process table say of a job's process: its pid, whether it still runs, when a file was written. */
final class JobProcesses {

    private JobProcesses() {
    }

    /** The pid in a job's pid file, if it holds one. */
    static Optional<Long> readPid(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True if {@code pid} is alive and, as far as the system tells, is this job's wrapper (pids are reused). */
    static boolean ours(long pid, JobFiles files) {
        if (pid <= 1) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Optional<String[]> arguments = handle.get().info().arguments();
        if (arguments.isEmpty()) {
            return true;
        }
        String wrapper = files.wrapper().toString();
        for (String argument : arguments.get()) {
            if (argument.equals(wrapper)) {
                return true;
            }
        }
        return false;
    }

    /** When the job's wrapper or command last wrote one of its files (pid, start, stdout, stderr). */
    static Optional<Instant> lastWritten(JobFiles files) {
        return java.util.stream.Stream.of(files.pid(), files.started(), files.stdout(), files.stderr())
                .map(JobProcesses::modified).flatMap(Optional::stream).max(Instant::compareTo);
    }

    static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
