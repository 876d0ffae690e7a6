package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.api.ReplyStatus;
import io.muster.api.Violation;
import io.muster.api.FlowProblem;
import java.util.List;

/**
 * The one shape of an answer on {@code muster.control} and {@code muster.flows}: {@code status}
 * (a {@link ReplyStatus}); a refused request adds {@code error} (an {@link ErrorCode}) and
 * {@code message}, and what it was refused for ({@code violations}, {@code problems}). The
 * control actions ({@code io.muster.messaging.control}) and {@link FlowRequests} answer through it.
 */
public final class Answers {

    private Answers() {
    }

    public static ObjectNode status(ReplyStatus status) {
        return Submissions.JSON.createObjectNode().put("status", status.name());
    }

    public static ObjectNode ok() {
        return status(ReplyStatus.OK);
    }

    public static ObjectNode error(ErrorCode code, String message) {
        return status(ReplyStatus.ERROR).put("error", code.name()).put("message", message);
    }

    /** The backend a request names is not one this server runs. */
    public static ObjectNode backendNotRunning(String backend, java.util.Collection<String> running) {
        return error(ErrorCode.BACKEND_UNAVAILABLE, "backend '" + backend + "' is not running on this server (running: "
                + String.join(", ", running) + ")");
    }

    /** A submission (resubmitted or rendered) refused for its options: every violation. */
    public static ObjectNode rejected(List<Violation> violations) {
        ObjectNode answer = status(ReplyStatus.REJECTED).put("error", ErrorCode.INVALID_SUBMISSION.name())
                .put("message", "submission rejected: " + (violations.isEmpty() ? "" : violations.get(0).message())
                        + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        JobEvents.putViolations(answer, violations);
        return answer;
    }

    /** A flow request refused: each problem with the file and line it is in. */
    public static ObjectNode rejected(ErrorCode code, List<FlowProblem> problems) {
        ObjectNode answer = status(ReplyStatus.REJECTED).put("error", code.name())
                .put("message", String.join("; ", problems.stream().map(FlowProblem::reason).toList()));
        ArrayNode list = answer.putArray("problems");
        for (FlowProblem p : problems) {
            list.addObject().put("file", p.file()).put("line", p.line()).put("reason", p.reason());
        }
        return answer;
    }
}
