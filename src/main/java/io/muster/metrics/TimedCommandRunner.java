package io.muster.metrics;

import io.muster.scheduler.CommandResult;
import io.muster.scheduler.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link CommandRunner} that times every scheduler command ({@code sbatch}, {@code squeue}, …)
 * and counts those that fail (a non-zero exit, a time-out, a program that cannot start) in
 * {@link MusterMetrics}, then answers as the runner it wraps does.
 */
public final class TimedCommandRunner implements CommandRunner {

    private final String backend;
    private final CommandRunner runner;
    private final MusterMetrics metrics;

    public TimedCommandRunner(String backend, CommandRunner runner, MusterMetrics metrics) {
        this.backend = backend;
        this.runner = runner;
        this.metrics = metrics;
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws CommandException, InterruptedException {
        String program = program(command);
        long start = System.nanoTime();
        boolean failed = true;
        try {
            CommandResult result = runner.run(command, timeout);
            failed = !result.succeeded();
            return result;
        } finally {
            metrics.schedulerCommand(backend, program, Duration.ofNanos(System.nanoTime() - start), failed);
        }
    }

    /** The program's file name: what the label shows (sbatch, squeue, qstat, …). */
    static String program(List<String> command) {
        if (command.isEmpty()) {
            return "none";
        }
        Path name = Path.of(command.get(0)).getFileName();
        return name == null ? command.get(0) : name.toString();
    }
}
