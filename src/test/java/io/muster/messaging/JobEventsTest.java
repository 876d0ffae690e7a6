package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.api.Violation;
import io.muster.job.JobRecord;
import io.muster.job.Placement;
import io.muster.testing.TestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event document of muster.events, read back as a subscriber reads it: through the CloudEvents SDK. */
class JobEventsTest {

    private static final EventFormat CLOUD_EVENTS = EventFormatProvider.getInstance()
            .resolveFormat(JsonFormat.CONTENT_TYPE);

    private static CloudEvent read(String text) {
        return CLOUD_EVENTS.deserialize(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode data(CloudEvent event) throws Exception {
        return Submissions.JSON.readTree(event.getData().toBytes());
    }

    @Test
    void givenAJobThatEndedTheCloudEventsSdkReadsAValidEventWithItsFacts() throws Exception {
        JobId id = JobId.generate();
        JobRecord ended = TestRecords.queued(id, "slurm").withState(JobState.RUNNING, null)
                .withPlacement(new Placement("gpu", "node[1-2]", 2, 8)).withState(JobState.FAILED, "exit code 3")
                .withExitCode(3);

        CloudEvent event = read(JobEvents.text(ended, List.of()));
        JsonNode data = data(event);

        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo(id.value() + ":FAILED");
        assertThat(event.getType()).isEqualTo("io.muster.job.failed");
        assertThat(event.getSubject()).isEqualTo(id.value());
        assertThat(event.getSource().toString()).isEqualTo("urn:muster:server");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(Duration.between(event.getTime().toInstant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(data.path("jobId").asText()).isEqualTo(id.value());
        assertThat(data.path("state").asText()).isEqualTo("FAILED");
        assertThat(data.path("group").asText()).isEqualTo(JobState.FAILED.group().name());
        assertThat(data.path("backend").asText()).isEqualTo("slurm");
        assertThat(data.path("schedulerId").asText()).isEqualTo("1");
        assertThat(data.path("exitCode").asInt()).isEqualTo(3);
        assertThat(data.path("reason").asText()).isEqualTo("exit code 3");
        assertThat(data.path("partition").asText()).isEqualTo("gpu");
        assertThat(data.path("nodes").asText()).isEqualTo("node[1-2]");
        assertThat(data.path("nodeCount").asInt()).isEqualTo(2);
        assertThat(data.path("cpus").asInt()).isEqualTo(8);
        assertThat(data.path("stdout").asText()).endsWith("stdout");
        assertThat(data.has("violations")).isFalse();
    }

    @Test
    void givenAJobJustAcceptedItsUnknownFactsAreNullNotMissing() throws Exception {
        JsonNode data = data(read(JobEvents.text(TestRecords.accepted(JobId.generate(), "local"), List.of())));

        for (String field : List.of("schedulerId", "exitCode", "reason", "nodes", "nodeCount", "cpus", "started",
                "ended", "requestId")) {
            assertThat(data.has(field)).as(field).isTrue();
            assertThat(data.get(field).isNull()).as(field).isTrue();
        }
        assertThat(data.path("submitted").asText()).isNotEmpty();
    }

    @Test
    void givenARejectedSubmissionEveryViolationGoesWithItsOptionValueAndMessage() throws Exception {
        JobRecord rejected = TestRecords.accepted(JobId.generate(), "local").withState(JobState.REJECTED, "bad options");
        List<Violation> why = List.of(new Violation("mem", "12XB", "unknown unit 'XB'"),
                new Violation("cores", "\"quoted\" \\ value", "must be a whole number"));

        JsonNode violations = data(read(JobEvents.text(rejected, why))).path("violations");

        assertThat(violations).hasSize(2);
        assertThat(violations.get(0).path("option").asText()).isEqualTo("mem");
        assertThat(violations.get(0).path("message").asText()).isEqualTo("unknown unit 'XB'");
        assertThat(violations.get(1).path("value").asText()).isEqualTo("\"quoted\" \\ value");
    }
}
