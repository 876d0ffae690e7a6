package io.muster.testing;

import io.muster.testing.Processes.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clients of other languages the tests run as users run them: the examples under
 * {@code examples/}, with Debian's python3-stomp, python3-qpid-proton and mosquitto-clients. A
 * missing client skips locally, naming the package, and fails in CI (see {@link RealService}).
 */
public final class ExternalClients {

    public static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    private final Path scratch;
    private final Duration timeout;

    public ExternalClients(Path scratch, Duration timeout) {
        this.scratch = scratch;
        this.timeout = timeout;
    }

    public Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return Processes.run(scratch, command, env, timeout);
    }

    /** A python3 that can import {@code module}: Debian's own first (a version manager's shim may lack it). */
    public String python(String module, String debianPackage) throws Exception {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                if (run(List.of(candidate, "-c", "import " + module), Map.of()).exit() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not there: try the next one
            }
        }
        RealService.require("no python3 with the module '" + module + "': install the Debian package " + debianPackage
                + " (server-config/clients/install.sh)");
        return null;
    }

    public static void requireMosquitto() {
        Optional<Path> found = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> Arrays.stream(p.split(":")))
                .map(d -> Path.of(d, "mosquitto_sub")).filter(Files::isExecutable).findFirst();
        RealService.require(found.isPresent() ? null : "no mosquitto_sub on the PATH: install the Debian package"
                + " mosquitto-clients (server-config/clients/install.sh)");
    }

    /** The lines of {@code text} that start with {@code prefix}. */
    public static List<String> lines(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    public static String example(String path) {
        return EXAMPLES.resolve(path).toString();
    }
}
