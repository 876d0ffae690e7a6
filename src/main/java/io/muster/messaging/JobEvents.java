package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.muster.api.Violation;
import io.muster.job.JobRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
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
    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private JobEvents() {
    }

    public static String type(JobRecord job) {
        return TYPE_PREFIX + job.state().name().toLowerCase(Locale.ROOT);
    }

    public static ObjectNode data(JobRecord job, List<Violation> violations) {
        ObjectNode data = Submissions.JSON.createObjectNode();
        data.put("jobId", job.id().value());
        data.put("requestId", job.requestId());
        data.put("name", job.name());
        data.put("user", job.user());
        data.put("backend", job.backend());
        data.put("schedulerId", job.schedulerId());
        data.put("state", job.state().name());
        data.put("group", job.state().group().name());
        if (job.exitCode() == null) {
            data.putNull("exitCode");
        } else {
            data.put("exitCode", job.exitCode());
        }
        data.put("reason", job.reason());
        putPlacement(data, job);
        data.put("submitted", text(job.submitted()));
        data.put("started", text(job.started()));
        data.put("ended", text(job.ended()));
        if (job.workDir() != null) {
            data.put("stdout", job.stdoutPath().toString());
            data.put("stderr", job.stderrPath().toString());
        }
        if (!violations.isEmpty()) {
            putViolations(data, violations);
        }
        return data;
    }

    /**
     * Where the backend put the job, as its status call showed it: {@code partition} (asked for,
     * else the scheduler's choice), {@code nodes} (the node list), {@code nodeCount}, {@code cpus};
     * null while unknown. The same fields in events and in the queue's answers.
     */
    static void putPlacement(ObjectNode target, JobRecord job) {
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
    static void putViolations(ObjectNode target, List<Violation> violations) {
        ArrayNode list = target.putArray("violations");
        for (Violation v : violations) {
            list.addObject().put("option", v.option()).put("value", v.value()).put("message", v.message());
        }
    }

    public static byte[] serialize(JobRecord job, List<Violation> violations) {
        byte[] data = data(job, violations).toString().getBytes(StandardCharsets.UTF_8);
        CloudEvent event = CloudEventBuilder.v1()
                .withId(job.id().value() + ":" + job.state().name())
                .withSource(SOURCE)
                .withType(type(job))
                .withSubject(job.id().value())
                .withTime(Instant.now().atOffset(ZoneOffset.UTC))
                .withData("application/json", data)
                .build();
        return FORMAT.serialize(event);
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
