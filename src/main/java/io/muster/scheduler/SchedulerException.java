package io.muster.scheduler;

import java.util.List;

/**
 * A backend refused or failed a request. Carries the command that was run, its exit code and
 * its output, so the job's reason and the logs say exactly what the scheduler said.
 */
public class SchedulerException extends Exception {

    private final List<String> command;
    private final Integer exitCode;
    private final String output;
    private final boolean transientFailure;

    public SchedulerException(String message) {
        this(message, List.of(), null, "", false);
    }

    public SchedulerException(String message, List<String> command, Integer exitCode, String output,
                              boolean transientFailure) {
        super(message);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.output = output == null ? "" : output;
        this.transientFailure = transientFailure;
    }

    public List<String> command() {
        return command;
    }

    public Integer exitCode() {
        return exitCode;
    }

    public String output() {
        return output;
    }

    /** True for errors worth retrying (a timed-out socket to the controller), false for a refusal. */
    public boolean isTransient() {
        return transientFailure;
    }
}
