package io.muster.messaging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Violation;
import io.muster.job.JobRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The event format on {@code muster.events}: a CloudEvents 1.0 JSON document per state change.
 * {@code type} is {@code io.muster.job.<state>}, {@code subject} the job id, {@code id} the job id
 * and state (stable, so a subscriber can drop a duplicate), {@code data} the facts of the job.
 */
public final class JobEvents {

    public static final String TYPE_PREFIX = "io.muster.job.";
    static final URI SOURCE = URI.create("urn:muster:server");

    private JobEvents() {
    }

    public static String type(JobRecord job) {
        return TYPE_PREFIX + job.state().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Where the backend put the job, as its status call showed it: {@code partition} (asked for,
     * else the scheduler's choice), {@code nodes} (the node list), {@code nodeCount}, {@code cpus};
     * null while unknown. The same fields in events and in the queue's answers.
     */
    public static void putPlacement(ObjectNode target, JobRecord job) {
        io.muster.job.Placement where = job.placement();
        target.put("partition", job.partition());
        target.put("nodes", where == null ? null : where.nodes());
        if (where == null || where.nodeCount() == null) {
            target.putNull("nodeCount");
        } else {
            target.put("nodeCount", where.nodeCount());
        }
        if (where == null || where.cpus() == null) {
            target.putNull("cpus");
        } else {
            target.put("cpus", where.cpus());
        }
    }

    /** The {@code violations} array of events and replies: option, value and message of each. */
    public static void putViolations(ObjectNode target, List<Violation> violations) {
        ArrayNode list = target.putArray("violations");
        for (Violation v : violations) {
            list.addObject().put("option", v.option()).put("value", v.value()).put("message", v.message());
        }
    }

    /**
     * The event as text, written straight from the record with one JSON generator (building a
     * data tree and a CloudEvent first cost a third of the publisher's CPU per event); the
     * CloudEvents SDK reads it back as a valid 1.0 event ({@code JobEventsTest}).
     */
    public static String text(JobRecord job, List<Violation> violations) {
        StringWriter out = new StringWriter(768);
        try (JsonGenerator g = Submissions.JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("specversion", "1.0");
            g.writeStringField("id", job.id().value() + ":" + job.state().name());
            g.writeStringField("source", SOURCE.toString());
            g.writeStringField("type", type(job));
            g.writeStringField("datacontenttype", "application/json");
            g.writeStringField("subject", job.id().value());
            g.writeStringField("time", Instant.now().toString());
            g.writeObjectFieldStart("data");
            writeData(g, job, violations);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the event of job " + job.id(), e);
        }
        return out.toString();
    }

    private static void writeData(JsonGenerator g, JobRecord job, List<Violation> violations) throws IOException {
        g.writeStringField("jobId", job.id().value());
        g.writeStringField("requestId", job.requestId());
        g.writeStringField("name", job.name());
        g.writeStringField("user", job.user());
        g.writeStringField("backend", job.backend());
        g.writeStringField("schedulerId", job.schedulerId());
        g.writeStringField("state", job.state().name());
        g.writeStringField("group", job.state().group().name());
        writeInteger(g, "exitCode", job.exitCode());
        g.writeStringField("reason", job.reason());
        io.muster.job.Placement where = job.placement();
        g.writeStringField("partition", job.partition());
        g.writeStringField("nodes", where == null ? null : where.nodes());
        writeInteger(g, "nodeCount", where == null ? null : where.nodeCount());
        writeInteger(g, "cpus", where == null ? null : where.cpus());
        g.writeStringField("submitted", text(job.submitted()));
        g.writeStringField("started", text(job.started()));
        g.writeStringField("ended", text(job.ended()));
        if (job.workDir() != null) {
            g.writeStringField("stdout", job.stdoutPath().toString());
            g.writeStringField("stderr", job.stderrPath().toString());
        }
        if (!violations.isEmpty()) {
            g.writeArrayFieldStart("violations");
            for (Violation v : violations) {
                g.writeStartObject();
                g.writeStringField("option", v.option());
                g.writeStringField("value", v.value());
                g.writeStringField("message", v.message());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static void writeInteger(JsonGenerator g, String field, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
