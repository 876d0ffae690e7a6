package io.muster.scheduler;

import java.time.Duration;
import java.util.List;

/**
 * Runs one scheduler command (sbatch, squeue, qstat, ...) and waits for it. The only place a
 * {@link GridScheduler} starts processes, so tests can count and script the commands.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Runs {@code command} with no input and waits at most {@code timeout}.
     *
     * @return its exit code and output, whatever the exit code
     * @throws CommandException when the command could not be started or did not end in time
     *                          (it is killed then); carries the command and what it printed so far
     */
    CommandResult run(List<String> command, Duration timeout) throws CommandException, InterruptedException;

    /** A command that could not be run to its end: not found, not executable, timed out. */
    class CommandException extends Exception {

        private final List<String> command;
        private final String output;
        private final boolean timedOut;

        public CommandException(String message, List<String> command, String output, boolean timedOut,
                                Throwable cause) {
            super(message, cause);
            this.command = List.copyOf(command);
            this.output = output == null ? "" : output;
            this.timedOut = timedOut;
        }

        public List<String> command() {
            return command;
        }

        public String output() {
            return output;
        }

        /** True if the command started but did not end in time: worth another try. */
        public boolean timedOut() {
            return timedOut;
        }
    }
}
