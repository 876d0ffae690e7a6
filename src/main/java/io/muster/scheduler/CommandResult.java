package io.muster.scheduler;

import java.util.List;

/** What one scheduler command did: the command, its exit code and what it printed. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Both streams, stderr first, for messages and exceptions. */
    public String output() {
        if (stderr.isBlank()) {
            return stdout.strip();
        }
        return stdout.isBlank() ? stderr.strip() : stderr.strip() + "\n" + stdout.strip();
    }
}
