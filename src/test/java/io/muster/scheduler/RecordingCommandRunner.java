package io.muster.scheduler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A command runner for tests: records every command and answers by program name, from a queue
 * of scripted answers (the last one repeats) or a function of the command.
 */
public final class RecordingCommandRunner implements CommandRunner {

    private final List<List<String>> commands = new ArrayList<>();
    private final Map<String, Deque<Function<List<String>, CommandResult>>> answers = new HashMap<>();

    /** Answers {@code program} with exit 0 and {@code stdout}. */
    public RecordingCommandRunner answer(String program, String stdout) {
        return answer(program, c -> new CommandResult(c, 0, stdout, ""));
    }

    /** Answers {@code program} with a failure: exit {@code code}, {@code stderr}. */
    public RecordingCommandRunner fail(String program, int code, String stderr) {
        return answer(program, c -> new CommandResult(c, code, "", stderr));
    }

    public synchronized RecordingCommandRunner answer(String program, Function<List<String>, CommandResult> answer) {
        answers.computeIfAbsent(program, p -> new ArrayDeque<>()).add(answer);
        return this;
    }

    @Override
    public synchronized CommandResult run(List<String> command, Duration timeout) throws CommandException {
        commands.add(List.copyOf(command));
        Deque<Function<List<String>, CommandResult>> queue = answers.get(command.get(0));
        if (queue == null || queue.isEmpty()) {
            throw new CommandException("cannot run " + command.get(0) + ": not scripted", command, "", false, null);
        }
        Function<List<String>, CommandResult> next = queue.size() > 1 ? queue.poll() : queue.peek();
        return next.apply(command);
    }

    public synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }

    public synchronized List<List<String>> commands(String program) {
        return commands.stream().filter(c -> c.get(0).equals(program)).toList();
    }

    public synchronized List<String> programs() {
        return commands.stream().map(c -> c.get(0)).toList();
    }
}
