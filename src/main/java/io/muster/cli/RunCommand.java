package io.muster.cli;

import io.muster.api.JobResult;
import io.muster.client.JobHandle;
import io.muster.client.JobRequest;
import io.muster.client.JobTimeoutException;
import io.muster.client.Muster;
import io.muster.client.SubmissionRejectedException;
import io.muster.server.MusterServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.weld.environment.se.WeldContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code muster run [options] -- COMMAND...}: the newcomer's path. Starts Muster in this process
 * (broker, store, local pool; no TCP listener), submits through the broker with the Java client
 * as any client would, waits for the end, prints the job's stdout and stderr and exits with its
 * exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one command through Muster, started in this process, and wait for it.",
        footer = {"", "Exit status: the job's exit code; " + ExitStatus.REJECTED + " if the submission was rejected"
                + " (every violation is printed); " + ExitStatus.NO_EXIT_CODE + " if the job ended without an exit code"
                + " (cancelled, timed out, lost); " + ExitStatus.TIMED_OUT + " if --timeout ran out."})
class RunCommand implements Callable<Integer> {

    static final int REJECTED = ExitStatus.REJECTED;
    static final int NO_EXIT_CODE = ExitStatus.NO_EXIT_CODE;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Mixin
    JobOptionsMixin job;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "give up waiting after this long: 10, 90s, 5m, 1:00:00, PT1H (default: no limit)")
    Duration timeout;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the command and its arguments")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        JobRequest request = job.apply(JobRequest.command(command.toArray(String[]::new)), "local");
        Logs.configure(true);
        WeldContainer container = Container.start();
        MusterServer muster = container.select(MusterServer.class).get();
        try {
            // in-process only (no TCP): no users either, as the client below connects anonymously
            muster.start(server.config().withBrokerPort(0).withHttpPort(0).withBrokerUsers(null));
            try (Muster client = Muster.connect(muster.broker().clientUrl())) {
                return runAndReport(client, request);
            }
        } finally {
            muster.stop();
            container.shutdown();
        }
    }

    private int runAndReport(Muster client, JobRequest request) throws InterruptedException {
        var err = spec.commandLine().getErr();
        JobHandle handle;
        try {
            handle = client.submit(request);
        } catch (SubmissionRejectedException e) {
            err.println("muster: " + e.getMessage());
            err.flush();
            return REJECTED;
        }
        JobResult result;
        try {
            handle.await(timeout);
            result = handle.onCompletion().join();
        } catch (JobTimeoutException e) {
            err.println("muster: timed out: " + e.getMessage());
            err.flush();
            return ExitStatus.TIMED_OUT;
        }
        // the bytes as the job wrote them, as a command run in the foreground would show them
        System.out.writeBytes(handle.stdoutBytes());
        System.out.flush();
        System.err.writeBytes(handle.stderrBytes());
        System.err.flush();
        if (result.exitCode() == null) {
            err.println("muster: job " + handle.id() + " ended " + result.state()
                    + (result.reason() == null ? "" : ": " + result.reason()));
            err.flush();
            return NO_EXIT_CODE;
        }
        if (!result.succeeded() && result.state() != io.muster.api.JobState.FAILED) {
            err.println("muster: job " + handle.id() + " ended " + result.state());
            err.flush();
        }
        return result.exitCode();
    }
}
