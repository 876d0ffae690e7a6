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

    private ControlJson() {
    }

    /** The view ({@code state}: all, active, done, ...) of a queue or count request's filter. */
    static StateFilter view(JsonNode filter) {
        String state = filter.path("state").asText("all");
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
            states = EnumSet.noneOf(JobState.class);
            for (JsonNode s : f.get("states")) {
                try {
                    states.add(JobState.valueOf(s.asText()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown state '" + s.asText() + "'");
                }
            }
        }
        Integer limit = f.hasNonNull("limit") ? f.get("limit").asInt() : null;
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
        ids.forEach(n -> out.add(n.asText()));
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
