package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.job.JobRecord;
import io.muster.messaging.Answers;
import io.muster.messaging.Sender;
import io.muster.messaging.Submissions;
import io.muster.options.JobOptions;
import io.muster.queue.CleanOutcome;
import io.muster.queue.JobControl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code output} (a job's stdout or stderr, up to a limit) and {@code collected} (a client has read them). */
final class JobOutputs {

    static final long DEFAULT_OUTPUT_LIMIT = 8L << 20;
    /**
     * The most {@code maxBytes} may ask for: the answer holds the text several times over (bytes,
     * string, JSON, message), so a job's gigabytes of output asked for whole would exhaust the
     * server's heap and the request would go unanswered.
     */
    static final long MAX_OUTPUT_LIMIT = 64L << 20;
    static final String MAX_BYTES_RULE = "a whole number from 0 to " + MAX_OUTPUT_LIMIT + " (64 MiB)";

    private final KnownJobs jobs;
    private final JobControl control;

    JobOutputs(KnownJobs jobs, JobControl control) {
        this.jobs = jobs;
        this.control = control;
    }

    ObjectNode output(JsonNode request, Sender sender) {
        String id = ControlJson.requiredId(request);
        String stream = request.path("stream").asText("stdout");
        JobRecord job = jobs.find(id);
        if (job == null) {
            return KnownJobs.unknown(id);
        }
        Path file = switch (stream) {
            case "stdout" -> job.stdoutPath();
            case "stderr" -> job.stderrPath();
            default -> throw new IllegalArgumentException("stream must be stdout or stderr, was '" + stream + "'");
        };
        JsonNode maxBytes = request.get("maxBytes");
        if (maxBytes != null) {
            ControlJson.kind("maxBytes", maxBytes, maxBytes.isIntegralNumber() && maxBytes.canConvertToLong()
                    && maxBytes.asLong() >= 0 && maxBytes.asLong() <= MAX_OUTPUT_LIMIT, MAX_BYTES_RULE);
        }
        long limit = maxBytes == null ? DEFAULT_OUTPUT_LIMIT : maxBytes.asLong();
        ObjectNode answer = Answers.ok().put("jobId", id).put("stream", stream).put("state", job.state().name());
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes((int) limit);
            boolean truncated = in.read() != -1;
            return answer.put("text", new String(data, StandardCharsets.UTF_8)).put("truncated", truncated);
        } catch (NoSuchFileException e) {
            return answer.put("text", "").put("truncated", false);
        } catch (IOException e) {
            return Answers.error(ErrorCode.SERVER_ERROR, "cannot read the " + stream + " of job " + id + ": " + e);
        }
    }

    /**
     * A client has read a finished job's stdout and stderr ({@code muster get}, the Java client's
     * {@code stdout()}): a job submitted with {@code clean_outputs} has both files deleted now, as
     * fyrd deleted its outputs once {@code get} had them. Any reader counts: the job's owner
     * asked for it. Answers the files deleted.
     */
    ObjectNode collected(JsonNode request, Sender sender) {
        String id = ControlJson.requiredId(request);
        JobRecord job = jobs.find(id);
        if (job == null) {
            return KnownJobs.unknown(id);
        }
        ArrayNode deleted = Submissions.JSON.createArrayNode();
        if (job.state().isFinal() && JobOptions.fromNormalised(job.options()).cleanOutputs()) {
            CleanOutcome outcome = control.cleanOutputs(id);
            if (outcome.skipped() != null) {
                return Answers.error(ErrorCode.SERVER_ERROR, outcome.skipped());
            }
            outcome.deleted().forEach(p -> deleted.add(p.toString()));
        }
        ObjectNode answer = Answers.ok().put("jobId", id);
        answer.set("deleted", deleted);
        return answer;
    }
}
