package io.muster.cli;

import io.muster.api.JobResult;
import io.muster.client.JobHandle;
import io.muster.client.JobTimeoutException;
import io.muster.client.Muster;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code muster wait ID…}: waits for jobs to end, with a progress bar when a terminal watches. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Wait for jobs to end. On a terminal, a progress bar shows done/total, elapsed time and ETA.",
                "Prints a line for each job that did not complete."},
        footer = {"", ExitStatus.FOOTER})
class WaitCommand extends ClientCommand {

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "give up after this long (10, 90s, 5m, 1:00:00); the jobs go on")
    Duration timeout;

    @Option(names = "--no-progress", description = "no progress bar even on a terminal")
    boolean noProgress;

    @Option(names = "--json", description = "print a JSON array: jobId, name, state, exitCode, reason (after a --timeout too)")
    boolean json;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "job ids")
    List<String> ids;

    @Override
    int run(Muster muster) throws Exception {
        List<JobHandle> jobs = muster.jobs(ids);
        List<JobResult> results;
        try {
            results = Waiting.await(jobs, timeout, !noProgress && !json && Waiting.attachedToTerminal(), System.err);
        } catch (JobTimeoutException e) {
            if (json) {
                // a script reading the array learns which jobs ended, and how, even when time ran out
                out().println(Waiting.jsonNow(jobs).toPrettyString());
            }
            throw e;
        }
        if (json) {
            out().println(Waiting.json(results, jobs).toPrettyString());
            return Waiting.status(results);
        }
        return Waiting.report(results, jobs, err());
    }
}
