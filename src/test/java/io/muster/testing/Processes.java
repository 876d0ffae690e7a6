package io.muster.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs programs for tests as a user would: the packaged jar, a python client, mosquitto. */
public final class Processes {

    private Processes() {
    }

    /** What a program left: its exit status and everything it printed. */
    public record Result(int exit, String out, String err) {
        /** The output as one line, for commands that print an id. */
        public String line() {
            return out.strip();
        }
    }

    /** {@code java -jar target/muster.jar ARGS}, with the JVM running the tests. */
    public static List<String> muster(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "muster.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs a command with no input, its output kept in files under {@code scratch}; a command
     * still running after {@code timeout} is killed and fails the test with what it printed.
     */
    public static Result run(Path scratch, List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeout + "; it printed: "
                    + Files.readString(out) + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
