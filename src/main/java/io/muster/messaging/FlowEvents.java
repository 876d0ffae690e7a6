package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.muster.batch.FlowEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * Flow and step events on {@code muster.events}: CloudEvents 1.0 JSON like the job events, with
 * {@code type} {@code io.muster.flow.started|completed|failed|stopped} or
 * {@code io.muster.step.…}, {@code subject} the flow's JBeret execution id, and {@code data}
 * holding executionId, instanceId, flow, step, stepExecutionId, exitStatus and the step's jobId.
 */
public final class FlowEvents {

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private FlowEvents() {
    }

    public static ObjectNode data(FlowEvent e) {
        ObjectNode data = Submissions.JSON.createObjectNode();
        data.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        data.put("phase", e.phase());
        data.put("executionId", e.executionId());
        data.put("instanceId", e.instanceId());
        data.put("flow", e.flow());
        if (e.step() != null) {
            data.put("step", e.step());
            data.put("stepExecutionId", e.stepExecutionId());
        }
        data.put("exitStatus", e.exitStatus());
        if (e.jobId() != null) {
            data.put("jobId", e.jobId());
        }
        data.put("time", e.time().toString());
        return data;
    }

    public static byte[] serialize(FlowEvent e) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(e.id())
                .withSource(JobEvents.SOURCE)
                .withType(e.type())
                .withSubject(String.valueOf(e.executionId()))
                .withTime(e.time().atOffset(ZoneOffset.UTC))
                .withData("application/json", data(e).toString().getBytes(StandardCharsets.UTF_8))
                .build();
        return FORMAT.serialize(event);
    }
}
