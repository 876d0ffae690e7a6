package io.muster.cli;

import io.muster.api.JobResult;
import io.muster.client.DryRun;
import io.muster.client.JobHandle;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code muster submit}: submits to the running server and prints the job id at once, so that
 * {@code id=$(muster submit -- make)} works; {@code --wait} waits as {@code muster wait} does.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a command (or an existing script with -f) to the running server; print the job id.",
                "  muster submit -c 4 -m 8GB -- make -j4",
                "  muster submit -f align.sh -d $(muster submit -- ./fetch.sh) -- sample1",
                "  muster submit --dry-run -t 1:00:00 -- ./long.sh     (write and print the scripts only)"},
        footer = {"", ExitStatus.FOOTER})
class SubmitCommand extends ClientCommand {

    @Mixin
    JobOptionsMixin job;

    @Option(names = {"-f", "--file"}, paramLabel = "SCRIPT",
            description = "run this existing script as it is; the arguments after -- go to it")
    Path file;

    @Option(names = "--dry-run", description = "write the job script and wrapper on the server, print them, run nothing")
    boolean dryRun;

    @Option(names = {"-w", "--wait"}, description = "wait for the job to end; exit status as 'muster wait'")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "with --wait: give up after this long (10, 90s, 5m, 1:00:00)")
    Duration timeout;

    @Option(names = "--no-progress", description = "with --wait: no progress bar even on a terminal")
    boolean noProgress;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command and its arguments (or the script's arguments with -f)")
    List<String> command;

    /** The job, built (and its options checked) before connecting. */
    private JobRequest built;

    @Override
    void beforeConnect() {
        // each would be accepted and do nothing: submit without --wait returns at once
        if (!await && timeout != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--timeout needs --wait: submit alone does not wait");
        }
        if (!await && noProgress) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--no-progress needs --wait: submit alone shows no progress");
        }
        built = job.apply(request(), null);
    }

    @Override
    int run(Muster muster) throws Exception {
        JobRequest request = (built != null ? built : job.apply(request(), null)).user(muster.user());
        if (dryRun) {
            DryRun dry = muster.dryRun(request);
            out().println("# " + dry.scriptPath());
            out().print(dry.script());
            out().println("# " + dry.wrapperPath() + " (what the " + dry.backend() + " backend would run)");
            out().print(dry.wrapper());
            if (!dry.submitCommand().isEmpty()) {
                out().println("# submitted with: " + io.muster.client.JobRequest.shellLine(dry.submitCommand()));
            }
            return ExitStatus.OK;
        }
        JobHandle handle = muster.submit(request);
        out().println(handle.id());
        out().flush();
        if (!await) {
            return ExitStatus.OK;
        }
        List<JobHandle> jobs = List.of(handle);
        List<JobResult> results = Waiting.await(jobs, timeout, !noProgress && Waiting.attachedToTerminal(), System.err);
        return Waiting.report(results, jobs, err());
    }

    private JobRequest request() {
        List<String> words = command == null ? List.of() : command;
        if (file != null) {
            try {
                return JobRequest.script(file, words.toArray(String[]::new));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (words.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give a COMMAND (after --) or a script with -f");
        }
        return JobRequest.command(words.toArray(String[]::new));
    }
}
