package io.muster.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.ErrorCode;
import io.muster.api.FlowProblem;
import io.muster.api.ReplyStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the status of every answer, on every request queue, the one way: a refused request
 * becomes the exception its {@code error} code names, so no caller reads a message to tell
 * cases apart.
 */
final class Replies {

    private Replies() {
    }

    /**
     * The answer, if the request was carried out.
     *
     * @param jobId the job the request named, for an {@link UnknownJobException}; may be null
     */
    static JsonNode check(JsonNode answer, String jobId) {
        ReplyStatus status = status(answer);
        if (status == null || !status.refused()) {
            return answer;
        }
        ErrorCode code = code(answer);
        if (answer.has("problems")) {
            throw new FlowRejectedException(code, problems(answer.get("problems")));
        }
        if (status == ReplyStatus.REJECTED) {
            throw new SubmissionRejectedException(Json.violations(answer.get("violations")));
        }
        String message = "the server refused the request: " + answer.path("message").asText();
        if (code == ErrorCode.UNKNOWN_JOB && jobId != null) {
            throw new UnknownJobException(jobId);
        }
        if (code == ErrorCode.FORBIDDEN) {
            throw new AccessDeniedException(message);
        }
        throw new MusterException(code, message);
    }

    /**
     * The answer to a flow request, if carried out. Every refusal of one (a start's REJECTED with
     * its problems, a stop's or status's ERROR with its message) is a {@link FlowRejectedException}.
     */
    static JsonNode checkFlow(JsonNode answer) {
        ReplyStatus status = status(answer);
        if (status != null && status.refused() && !answer.has("problems")) {
            throw new FlowRejectedException(code(answer), List.of(new FlowProblem(null, 0,
                    answer.path("message").asText())));
        }
        return check(answer, null);
    }

    /** The answer's status; null for one this client does not know (a newer server's). */
    static ReplyStatus status(JsonNode answer) {
        try {
            return ReplyStatus.valueOf(answer.path("status").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ErrorCode code(JsonNode answer) {
        try {
            return answer.hasNonNull("error") ? ErrorCode.valueOf(answer.get("error").asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<FlowProblem> problems(JsonNode list) {
        List<FlowProblem> out = new ArrayList<>();
        for (JsonNode p : list) {
            out.add(new FlowProblem(p.path("file").asText(null), p.path("line").asInt(), p.path("reason").asText()));
        }
        return out;
    }
}
