package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.muster.api.Destinations;
import io.muster.api.ErrorCode;
import io.muster.messaging.control.ControlRequests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code asyncapi.yaml} describes the message interface the server has: every channel it listens
 * or publishes on, with bindings for JMS, AMQP, STOMP and MQTT, and message payloads that are the
 * server's own JSON Schemas (the files, by reference), whose every example those schemas accept.
 */
class AsyncApiTest {

    private static final Path SPEC = Path.of("asyncapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private static JsonNode spec() throws IOException {
        return YAML.readTree(SPEC.toFile());
    }

    private static JsonSchema schema(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return SCHEMAS.getSchema(JSON.readTree(in));
        }
    }

    @Test
    void givenTheSpecItIsAsyncApi3WithEveryChannelTheServerUsesAndItsProtocolBindings() throws IOException {
        JsonNode spec = spec();

        assertThat(spec.path("asyncapi").asText()).isEqualTo("3.0.0");
        List<String> addresses = new ArrayList<>();
        spec.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertThat(addresses).contains(Destinations.SUBMIT_QUEUE, Destinations.EVENTS_TOPIC, Destinations.CONTROL_QUEUE,
                Destinations.FLOWS_QUEUE, Destinations.REJECTED_QUEUE);
        spec.path("channels").forEach(c -> {
            if (!c.path("address").isNull()) {
                assertThat(c.path("bindings").has("jms")).as(c.path("address").asText()).isTrue();
                assertThat(c.path("bindings").path("jms").path("destination").asText()).isEqualTo(c.path("address").asText());
                assertThat(c.path("bindings").has("amqp1")).as(c.path("address").asText()).isTrue();
                assertThat(c.path("bindings").has("stomp")).as(c.path("address").asText()).isTrue();
                assertThat(c.path("bindings").has("mqtt")).as(c.path("address").asText()).isTrue();
            }
        });
        List<String> protocols = new ArrayList<>();
        spec.path("servers").forEach(s -> protocols.add(s.path("protocol").asText()));
        assertThat(protocols).contains("jms", "amqp", "stomp", "mqtt");
    }

    @Test
    void givenEveryMessageWithASchemaFileEachOfItsExamplesIsValidAgainstIt() throws IOException {
        Map<String, Integer> checked = new HashMap<>();
        JsonNode messages = spec().path("components").path("messages");
        for (var it = messages.fields(); it.hasNext(); ) {
            var message = it.next();
            String ref = message.getValue().path("payload").path("$ref").asText(null);
            if (ref == null) {
                continue;
            }
            assertThat(Path.of(ref)).as(message.getKey() + " refers to a schema the server ships").isRegularFile()
                    .startsWith(Path.of("src/main/resources/schema"));
            JsonSchema schema = schema(ref);
            JsonNode examples = message.getValue().path("examples");
            assertThat(examples.size()).as(message.getKey() + " has examples").isPositive();
            for (JsonNode example : examples) {
                Set<ValidationMessage> errors = schema.validate(JSON.valueToTree(example.path("payload")));
                assertThat(errors).as(message.getKey() + " example " + example.path("name").asText()).isEmpty();
                checked.merge(message.getKey(), 1, Integer::sum);
            }
        }
        assertThat(checked).containsKeys("Submission", "FlowStart", "FlowAction", "JobEvent", "ControlRequest", "Reply");
    }

    @Test
    void givenTheControlActionsTheServerKnowsEachHasAnExampleAndTheSchemaListsExactlyThem() throws IOException {
        List<String> exampled = new ArrayList<>();
        spec().path("components").path("messages").path("ControlRequest").path("examples")
                .forEach(e -> exampled.add(e.path("payload").path("action").asText()));
        List<String> inSchema = new ArrayList<>();
        JSON.readTree(Path.of("src/main/resources/schema/control-request.schema.json").toFile()).path("properties")
                .path("action").path("enum").forEach(a -> inSchema.add(a.asText()));

        assertThat(exampled).containsExactlyInAnyOrderElementsOf(ControlRequests.ACTIONS);
        assertThat(inSchema).containsExactlyInAnyOrderElementsOf(ControlRequests.ACTIONS);
    }

    @Test
    void givenAWrongPayloadTheSchemasTheExamplesAreCheckedAgainstRefuseIt() throws IOException {
        assertThat(schema("src/main/resources/schema/control-request.schema.json")
                .validate(JSON.readTree("{\"action\":\"cancel\"}"))).isNotEmpty();
        assertThat(schema("src/main/resources/schema/control-request.schema.json")
                .validate(JSON.readTree("{\"action\":\"queue\",\"filter\":{\"usr\":\"ann\"}}"))).isNotEmpty();
        assertThat(schema("src/main/resources/schema/submission.schema.json")
                .validate(JSON.readTree("{\"name\":\"no command\"}"))).isNotEmpty();
        assertThat(schema("src/main/resources/schema/event.schema.json")
                .validate(JSON.readTree("{\"specversion\":\"0.3\"}"))).isNotEmpty();
    }

    @Test
    void givenARealControlAnswerAndSubmissionReplyTheReplySchemaAcceptsThem() throws IOException {
        JsonSchema reply = schema("src/main/resources/schema/reply.schema.json");

        assertThat(reply.validate(Answers.error(ErrorCode.UNKNOWN_JOB, "no job x"))).isEmpty();
        assertThat(reply.validate(JSON.readTree("{\"status\":\"FINE\"}"))).isNotEmpty();
    }
}
