package io.muster.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobResult;
import io.muster.client.JobHandle;
import io.muster.client.Muster;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code muster get ID…}: waits for jobs, then prints the stdout of each, in the order given. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Wait for jobs, then print the stdout of each, in the order given (fyrd's get)."},
        footer = {"", ExitStatus.FOOTER})
class GetCommand extends ClientCommand {

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "give up after this long (10, 90s, 5m, 1:00:00)")
    Duration timeout;

    @Option(names = {"-e", "--stderr"}, description = "also print each job's stderr, to stderr")
    boolean stderr;

    @Option(names = "--json", description = "print a JSON array: jobId, name, state, exitCode, reason, stdout, stderr"
            + " (an output that is no UTF-8 text: null, and its bytes in stdoutBase64, stderrBase64)")
    boolean json;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "job ids")
    List<String> ids;

    @Override
    int run(Muster muster) throws Exception {
        List<JobHandle> jobs = muster.jobs(ids);
        List<JobResult> results = Waiting.await(jobs, timeout, !json && Waiting.attachedToTerminal(), System.err);
        if (json) {
            ArrayNode array = Waiting.json(results, jobs);
            for (int i = 0; i < jobs.size(); i++) {
                ObjectNode job = (ObjectNode) array.get(i);
                output(job, "stdout", jobs.get(i).stdoutBytes());
                output(job, "stderr", jobs.get(i).stderrBytes());
            }
            out().println(array.toPrettyString());
        } else {
            for (JobHandle job : jobs) {
                // bytes as the job wrote them: a binary stdout redirected to a file stays intact
                ByteOutput.write(out(), job.stdoutBytes());
                if (stderr) {
                    err().print(job.stderr());
                    err().flush();
                }
            }
        }
        return Waiting.status(results);
    }

    /**
     * Text as text; bytes that are no UTF-8 (a binary output) as {@code NAME: null} and
     * {@code NAMEBase64}, since decoding them would replace what is not text and lose it.
     */
    static void output(ObjectNode job, String name, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            job.put(name, text);
        } catch (CharacterCodingException e) {
            job.putNull(name);
            job.put(name + "Base64", Base64.getEncoder().encodeToString(bytes));
        }
    }
}
