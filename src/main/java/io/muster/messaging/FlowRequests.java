package io.muster.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.api.ReplyStatus;
import io.muster.api.FlowProblem;
import io.muster.batch.FlowRejectedException;
import io.muster.batch.FlowStatus;
import io.muster.batch.Flows;
import io.muster.config.UserRole;
import jakarta.batch.operations.BatchRuntimeException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flow requests as JSON, without JMS (documented by {@code schema/flow-request.schema.json}):
 * <ul>
 *   <li>{@code {"flow": "chain", "parameters": {"k": "v"}}} starts a flow (also accepted on
 *       {@code muster.submit}): answer {@code {"status": "ACCEPTED", "executionId": 12}};</li>
 *   <li>{@code {"action": "status" | "restart" | "stop", "executionId": 12}} (restart may carry
 *       {@code parameters}): answer {@code OK} with the flow's status, {@code ACCEPTED} with the
 *       new execution id, or {@code OK} when asked to stop.</li>
 * </ul>
 * The rule of every request queue ({@link ReplyStatus}): a request that makes new work (a start,
 * a restart) answers ACCEPTED or, refused, {@code {"status": "REJECTED", "error": CODE, "message":
 * "...", "problems": [{"file", "line", "reason"}]}}; any other answers OK or {@code {"status":
 * "ERROR", "error": CODE, "message": "..."}}, in the shapes of {@link Answers}.
 *
 * <p>Starting, restarting and stopping need {@code submit}; {@code status} is open to every
 * sender. Flows have no owner, so any submitter may restart or stop any flow.
 */
public final class FlowRequests {

    private static final String SCHEMA = "/schema/flow-request.schema.json";
    /** The fields of a start and of an action on an execution: the two variants of the schema, where their shape is written. */
    static final Set<String> START_FIELDS = SchemaFields.ofVariant(SCHEMA, "flow");
    static final Set<String> ACTION_FIELDS = SchemaFields.ofVariant(SCHEMA, "action");

    private final Flows flows;

    public FlowRequests(Flows flows) {
        this.flows = flows;
    }

    /** True for a body that asks to start a flow ({@code "flow"} instead of {@code "command"}). */
    public static boolean isFlowStart(String body) {
        JsonNode root = parse(body);
        return root != null && root.isObject() && root.has("flow") && !root.has("command");
    }

    /**
     * @param messageId the request message's id: with the body's {@code requestId} (which wins)
     *                  it makes a redelivered start request answer with the flow it started the
     *                  first time ({@code "earlier": true}) instead of starting a second one
     * @param sender    who asks: what she may not do is refused, naming her and the role she lacks
     */
    public ObjectNode handle(String body, String messageId, Sender sender) {
        String tooLong = io.muster.options.Limits.requestTooLong(body);
        if (tooLong != null) {
            return refused(true, ErrorCode.BAD_REQUEST, "body", tooLong);
        }
        JsonNode root;
        try {
            root = body == null ? null : Submissions.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return refused(true, ErrorCode.BAD_REQUEST, "body", "the request is not JSON: " + Submissions.notJson(e));
        }
        if (root == null || !root.isObject()) {
            return refused(true, ErrorCode.BAD_REQUEST, "body", "a flow request is a JSON object");
        }
        String subject = root.has("flow") ? root.path("flow").asText() : "execution " + root.path("executionId").asText();
        boolean makesWork = root.has("flow") || "restart".equals(root.path("action").asText());
        try {
            if (root.has("flow")) {
                unknownFields(root, START_FIELDS);
                Optional<String> refusal = Rights.refusal(sender, "start flow " + text(root, "flow"),
                        UserRole.SUBMIT);
                if (refusal.isPresent()) {
                    return refused(makesWork, ErrorCode.FORBIDDEN, subject, refusal.get());
                }
                String requestKey = root.hasNonNull("requestId") ? "request:" + root.get("requestId").asText()
                        : messageId != null ? "message:" + messageId : null;
                Flows.Started started = flows.start(text(root, "flow"), parameters(root), requestKey,
                        sender.unrestricted() ? null : sender.login());
                ObjectNode answer = Answers.status(ReplyStatus.ACCEPTED).put("executionId", started.executionId())
                        .put("flow", root.get("flow").asText());
                if (started.earlier()) {
                    answer.put("earlier", true);
                }
                return answer;
            }
            unknownFields(root, ACTION_FIELDS);
            String action = text(root, "action");
            JsonNode idNode = root.get("executionId");
            if (idNode == null || !idNode.canConvertToLong()) {
                return refused(makesWork, ErrorCode.BAD_REQUEST, "executionId", "'" + action + "' needs the flow's executionId (a number)");
            }
            long id = idNode.asLong();
            if (action.equals("restart") || action.equals("stop")) {
                Optional<String> refusal = Rights.refusal(sender, action + " flow execution " + id, UserRole.SUBMIT);
                if (refusal.isEmpty() && !sender.unrestricted()) {
                    refusal = Rights.refusalOnFlow(sender, action, id, flows.owner(id).orElse(null));
                }
                if (refusal.isPresent()) {
                    return refused(makesWork, ErrorCode.FORBIDDEN, subject, refusal.get());
                }
            }
            return switch (action) {
                case "status" -> {
                    ObjectNode answer = Answers.ok();
                    answer.set("flow", statusJson(flows.status(id)));
                    yield answer;
                }
                case "restart" -> Answers.status(ReplyStatus.ACCEPTED).put("executionId", flows.restart(id, parameters(root)))
                        .put("restartOf", id);
                case "stop" -> {
                    flows.stop(id);
                    yield Answers.ok().put("executionId", id).put("batchStatus", "STOPPING");
                }
                default -> refused(makesWork, ErrorCode.BAD_REQUEST, "action", "unknown action '" + action + "': status, restart or stop");
            };
        } catch (FlowRejectedException e) {
            return makesWork ? Answers.rejected(ErrorCode.INVALID_FLOW, e.problems())
                    : Answers.error(ErrorCode.INVALID_FLOW, subject + ": " + e.getMessage());
        } catch (NoSuchJobExecutionException e) {
            return refused(makesWork, ErrorCode.UNKNOWN_FLOW, subject, e.getMessage());
        } catch (BatchRuntimeException | IllegalArgumentException e) {
            return refused(makesWork, ErrorCode.BAD_REQUEST, subject, e.getMessage());
        } catch (java.io.IOException e) {
            return refused(makesWork, ErrorCode.SERVER_ERROR, subject, "cannot prepare the flow's work directory: " + e.getMessage());
        }
    }

    static ObjectNode statusJson(FlowStatus s) {
        ObjectNode out = Submissions.JSON.createObjectNode();
        out.put("executionId", s.executionId());
        out.put("instanceId", s.instanceId());
        out.put("flow", s.flow());
        out.put("batchStatus", s.batchStatus());
        out.put("exitStatus", s.exitStatus());
        out.put("started", text(s.started()));
        out.put("ended", text(s.ended()));
        ObjectNode parameters = out.putObject("parameters");
        s.parameters().forEach(parameters::put);
        ArrayNode steps = out.putArray("steps");
        for (FlowStatus.Step step : s.steps()) {
            steps.addObject().put("step", step.step()).put("stepExecutionId", step.stepExecutionId())
                    .put("batchStatus", step.batchStatus()).put("exitStatus", step.exitStatus())
                    .put("jobId", step.jobId()).put("jobState", step.jobState()).put("reason", step.reason())
                    .put("started", text(step.started())).put("ended", text(step.ended()));
        }
        ArrayNode executions = out.putArray("executions");
        s.executions().forEach(executions::add);
        return out;
    }

    private static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    public static boolean rejected(ObjectNode answer) {
        return ReplyStatus.REJECTED.name().equals(answer.path("status").asText());
    }

    private static JsonNode parse(String body) {
        if (body == null) {
            return null;
        }
        try {
            return Submissions.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void unknownFields(JsonNode root, Set<String> known) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'; a flow request has "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        }
        return node.asText();
    }

    private static Map<String, String> parameters(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode p = root.get("parameters");
        if (p == null || p.isNull()) {
            return out;
        }
        if (!p.isObject()) {
            throw new IllegalArgumentException("'parameters' must be a JSON object of names to values");
        }
        p.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                : e.getValue().toString()));
        return out;
    }

    /** REJECTED with the problem for a start or restart, ERROR with the sentence for any other request. */
    private static ObjectNode refused(boolean makesWork, ErrorCode code, String subject, String reason) {
        return makesWork ? Answers.rejected(code, List.of(new FlowProblem(subject, 0, reason)))
                : Answers.error(code, reason.contains(subject) ? reason : subject + ": " + reason);
    }
}
