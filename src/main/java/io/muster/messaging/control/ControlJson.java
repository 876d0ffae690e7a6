package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import io.muster.messaging.JobEvents;
import io.muster.messaging.SchemaFields;
import io.muster.messaging.Submissions;
import io.muster.queue.StateFilter;
import io.muster.store.JobFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The JSON of control requests and answers: the fields requests carry, a job as the queue shows it. */
final class ControlJson {

    /** A queue or count request's filter: {@code $defs/filter} of the control request's schema, where its shape is written. */
    static final Set<String> FILTER_FIELDS = SchemaFields.ofDefinition("/schema/control-request.schema.json", "filter");

    /** The fields a control request may have: those of schema/control-request.schema.json. */
    static final Set<String> FIELDS = SchemaFields.of("/schema/control-request.schema.json");

    /** The largest {@code limit} of a filter. */
    static final int MAX_LIMIT = Integer.MAX_VALUE;

    private ControlJson() {
    }

    /** A value as a message shows it: its JSON, control characters escaped, cut when long. */
    static String shown(JsonNode value) {
        String text = value == null ? "null" : value.toString();
        return io.muster.api.Violation.escape(text.length() > 120 ? text.substring(0, 120) + "…" : text);
    }

    /**
     * Refuses a request with a field unknown or of the wrong kind, naming the field and its value:
     * a typo or a wrong kind never widens a view nor is read as something else ({@code "limit": 1.5}
     * as 1, {@code "filter": []} as no filter).
     */
    static void checkShape(JsonNode request) {
        for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + io.muster.api.Violation.escape(field)
                        + "': a control request has " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
            JsonNode value = request.get(field);
            switch (field) {
                case "filter", "submission", "profiles" -> kind(field, value, value.isObject(), "an object");
                case "jobId", "stream", "requestId", "scheduler" -> kind(field, value, value.isTextual(), "a string");
                case "jobIds" -> kind(field, value, value.isArray(), "a non-empty array of job ids");
                case "outputs" -> kind(field, value, value.isBoolean(), "true or false");
                case "maxBytes" -> kind(field, value, value.isIntegralNumber() && value.canConvertToLong()
                        && value.asLong() >= 0 && value.asLong() <= JobOutputs.MAX_OUTPUT_LIMIT,
                        JobOutputs.MAX_BYTES_RULE);
                default -> { }
            }
        }
    }

    static void kind(String field, JsonNode value, boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + what + ", was " + shown(value));
        }
    }

    /** A request's filter: none given is the empty one; one given must be an object ({@link #checkShape}). */
    static JsonNode filterOf(JsonNode request) {
        JsonNode f = request.get("filter");
        if (f == null) {
            return Submissions.JSON.createObjectNode();
        }
        kind("filter", f, f.isObject(), "an object");
        return f;
    }

    /** The view ({@code state}: all, active, done, ...) of a queue or count request's filter. */
    static StateFilter view(JsonNode filter) {
        JsonNode given = filter.get("state");
        if (given == null) {
            return StateFilter.parse("all");
        }
        kind("state", given, given.isTextual(), "a string: active, queued, running, done, completed, failed or all");
        String state = given.asText();
        return StateFilter.parse(state.isBlank() ? "all" : state);
    }

    /** The filter fields of a queue or count request; unknown fields are refused so typos do not widen a view. */
    static JobFilter filter(JsonNode f) {
        for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FILTER_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown filter field '" + field + "': use "
                        + String.join(", ", FILTER_FIELDS.stream().sorted().toList()));
            }
        }
        Set<JobState> states = null;
        if (f.has("states")) {
            JsonNode given = f.get("states");
            kind("states", given, given.isArray() && !given.isEmpty(), "a non-empty list of state names");
            states = EnumSet.noneOf(JobState.class);
            for (JsonNode s : given) {
                try {
                    if (!s.isTextual()) {
                        throw new IllegalArgumentException();
                    }
                    states.add(JobState.valueOf(s.asText()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(s.isTextual()
                            ? "unknown state '" + io.muster.api.Violation.escape(s.asText()) + "'"
                            : "unknown state " + shown(s) + " in states");
                }
            }
        }
        for (String field : List.of("user", "backend", "partition", "name")) {
            if (f.has(field)) {
                kind(field, f.get(field), f.get(field).isTextual(), "a string");
            }
        }
        Integer limit = null;
        if (f.has("limit")) {
            JsonNode given = f.get("limit");
            kind("limit", given, given.isIntegralNumber() && given.canConvertToInt() && given.asInt() >= 1,
                    "a whole number from 1 to " + MAX_LIMIT);
            limit = given.asInt();
        }
        return new JobFilter(states, text(f, "user"), text(f, "backend"), text(f, "partition"), text(f, "name"), limit);
    }

    /** A job as the queue shows it: everything in its record, options included. */
    static ObjectNode summary(JobRecord job) {
        ObjectNode node = Submissions.JSON.createObjectNode();
        node.put("jobId", job.id().value());
        node.put("requestId", job.requestId());
        node.put("name", job.name());
        node.put("user", job.user());
        node.put("command", job.command());
        node.put("backend", job.backend());
        JobEvents.putPlacement(node, job);
        node.put("profile", job.profile());
        node.put("state", job.state().name());
        node.put("group", job.state().group().name());
        node.put("schedulerId", job.schedulerId());
        putNumber(node, "exitCode", job.exitCode());
        node.put("reason", job.reason());
        node.put("submitted", time(job.submitted()));
        node.put("started", time(job.started()));
        node.put("ended", time(job.ended()));
        node.put("workDir", job.workDir().toString());
        node.put("stdout", job.stdoutPath().toString());
        node.put("stderr", job.stderrPath().toString());
        node.set("options", Submissions.JSON.valueToTree(job.options()));
        return node;
    }

    static String requiredId(JsonNode request) {
        JsonNode given = request.get("jobId");
        if (given != null && !given.isTextual()) {
            throw new IllegalArgumentException("jobId must be a string, was " + shown(given));
        }
        String id = request.path("jobId").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("action '" + request.path("action").asText() + "' needs a 'jobId'");
        }
        return id;
    }

    static List<String> requiredIds(JsonNode request) {
        JsonNode ids = request.path("jobIds");
        if (!ids.isArray() || ids.isEmpty()) {
            throw new IllegalArgumentException("action '" + request.path("action").asText()
                    + "' needs 'jobIds', a non-empty array of job ids");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode n = ids.get(i);
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new IllegalArgumentException("jobIds must hold job ids (strings), was " + shown(n)
                        + " at index " + i);
            }
            out.add(n.asText());
        }
        return out;
    }

    /** A field's text, or null when it is missing, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** The values, sorted, as a JSON array. */
    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = Submissions.JSON.createArrayNode();
        values.stream().sorted().forEach(array::add);
        return array;
    }

    static void putNumber(ObjectNode node, String field, Integer value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
