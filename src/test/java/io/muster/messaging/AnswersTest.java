package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.api.FlowProblem;
import io.muster.api.ReplyStatus;
import io.muster.api.Violation;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers: the one shape of every control and flow answer, and the reply schema that documents it. */
class AnswersTest {

    private static JsonNode replySchema() throws Exception {
        try (InputStream in = AnswersTest.class.getResourceAsStream("/schema/reply.schema.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> enumOf(JsonNode schema, String property) {
        List<String> out = new ArrayList<>();
        schema.path("properties").path(property).path("enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void givenTheReplySchemaItsStatusesAndErrorCodesAreTheJavaEnumsExactly() throws Exception {
        JsonNode schema = replySchema();

        assertThat(enumOf(schema, "status")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ReplyStatus.values()).map(Enum::name).toList());
        assertThat(enumOf(schema, "error")).containsExactlyElementsOf(
                Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void anErrorCarriesItsCodeAndMessage() {
        ObjectNode answer = Answers.error(ErrorCode.UNKNOWN_JOB, "no job x");

        assertThat(answer.path("status").asText()).isEqualTo("ERROR");
        assertThat(answer.path("error").asText()).isEqualTo("UNKNOWN_JOB");
        assertThat(answer.path("message").asText()).isEqualTo("no job x");
    }

    @Test
    void aRejectedSubmissionHasItsViolationsAndTheInvalidSubmissionCode() {
        ObjectNode answer = Answers.rejected(List.of(Violation.of("mem", "lots", "is not a size")));

        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(answer.path("error").asText()).isEqualTo("INVALID_SUBMISSION");
        assertThat(answer.path("violations").get(0).path("option").asText()).isEqualTo("mem");
        assertThat(answer.path("message").asText()).contains("mem 'lots' is not a size");
    }

    @Test
    void aRefusedFlowHasItsProblemsCodeAndOneMessageOfThemAll() {
        ObjectNode answer = Answers.rejected(ErrorCode.INVALID_FLOW,
                List.of(new FlowProblem("chain.xml", 7, "no next step"), new FlowProblem("chain.xml", 9, "no id")));

        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(answer.path("error").asText()).isEqualTo("INVALID_FLOW");
        assertThat(answer.path("problems")).hasSize(2);
        assertThat(answer.path("message").asText()).isEqualTo("no next step; no id");
    }

    @Test
    void aBackendThatIsNotRunningNamesTheOnesThatAre() {
        ObjectNode answer = Answers.backendNotRunning("slurm", List.of("local", "sge"));

        assertThat(answer.path("error").asText()).isEqualTo("BACKEND_UNAVAILABLE");
        assertThat(answer.path("message").asText()).contains("'slurm'", "local, sge");
    }
}
