package io.muster.cli;

import io.muster.server.MusterServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jboss.weld.environment.se.WeldContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code muster run [options] -- COMMAND...}: the newcomer's path. Starts Muster in this process
 * (broker, store, local pool; no TCP listener), submits through the broker as any client would,
 * waits for the end, prints the job's stdout and stderr and exits with its exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one command through Muster and wait for it.",
        footer = {"", "Exit status: the job's exit code; " + RunCommand.REJECTED + " if the submission was rejected"
                + " (every violation is printed); " + RunCommand.NO_EXIT_CODE + " if the job ended without an exit code"
                + " (cancelled, timed out, lost)."})
class RunCommand implements Callable<Integer> {

    static final int REJECTED = 125;
    static final int NO_EXIT_CODE = 124;

    @Mixin
    ServerOptions server;

    @Option(names = {"-c", "--cores"}, description = "cores") Integer cores;
    @Option(names = {"-m", "--mem"}, description = "memory, e.g. 4GB") String mem;
    @Option(names = {"-t", "--time"}, description = "wall-clock limit, e.g. 01:00:00") String time;
    @Option(names = {"-n", "--name"}, description = "job name") String name;
    @Option(names = {"-b", "--backend"}, description = "auto, local, slurm, torque") String backend;
    @Option(names = "--profile", description = "profile of defaults") String profile;
    @Option(names = {"-o", "--option"}, paramLabel = "NAME=VALUE",
            description = "any catalogue option, synonyms included (repeatable)") Map<String, String> extra;
    @Option(names = "--timeout", description = "give up waiting after this long, e.g. PT1H (default: no limit)")
    Duration timeout;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the command and its arguments")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> options = new LinkedHashMap<>();
        if (extra != null) {
            options.putAll(extra);
        }
        putIf(options, "cores", cores);
        putIf(options, "mem", mem);
        putIf(options, "time", time);
        SubmitRequest request = new SubmitRequest(String.join(" ", command), name, backend == null ? "local" : backend,
                profile, options);

        Logs.configure(true);
        WeldContainer container = Container.start();
        MusterServer muster = container.select(MusterServer.class).get();
        try {
            muster.start(server.config().withBrokerPort(0));
            JobOutcome outcome;
            try (JmsSubmitter submitter = new JmsSubmitter(muster.broker().inVmConnectionFactory())) {
                outcome = submitter.submitAndWait(request, timeout);
            }
            return report(outcome);
        } finally {
            muster.stop();
            container.shutdown();
        }
    }

    private static int report(JobOutcome outcome) throws java.io.IOException {
        if (!outcome.violations().isEmpty()) {
            System.err.println("muster: submission rejected:");
            outcome.violations().forEach(v -> System.err.println("  " + v));
            return REJECTED;
        }
        copy(outcome.stdout(), System.out);
        copy(outcome.stderr(), System.err);
        if (outcome.exitCode() == null) {
            System.err.println("muster: job " + outcome.jobId() + " ended " + outcome.state()
                    + (outcome.reason() == null ? "" : ": " + outcome.reason()));
            return NO_EXIT_CODE;
        }
        if (!"COMPLETED".equals(outcome.state()) && !"FAILED".equals(outcome.state())) {
            System.err.println("muster: job " + outcome.jobId() + " ended " + outcome.state());
        }
        return outcome.exitCode();
    }

    private static void copy(Path file, java.io.PrintStream out) throws java.io.IOException {
        if (file != null && Files.exists(file)) {
            out.write(Files.readAllBytes(file));
            out.flush();
        }
    }

    private static void putIf(Map<String, Object> options, String key, Object value) {
        if (value != null) {
            options.put(key, value);
        }
    }

    static List<String> listOf(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
