package io.muster.messaging.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A control request's fields: an unknown one or one of the wrong kind is a BAD_REQUEST naming it and its value. */
class ControlRequestShapeTest extends ControlTestBase {

    private ControlRequests requests;

    @BeforeEach
    void open() {
        requests = fixture.requests();
        fixture.stored("ann");
        fixture.stored("olga");
    }

    private String refusal(String body) {
        ObjectNode answer = requests.handle(body);
        assertThat(ControlFixture.error(answer)).as("%s answered %s", body, answer).isEqualTo("BAD_REQUEST");
        return answer.path("message").asText();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"action\":\"queue\",\"filter\":[]}                      | filter must be an object, was []",
            "{\"action\":\"queue\",\"filter\":null}                    | filter must be an object, was null",
            "{\"action\":\"count\",\"filter\":\"all\"}                 | filter must be an object, was \"all\"",
            "{\"action\":\"queue\",\"filter\":{\"states\":\"RUNNING\"}} | states must be a non-empty list of state names, was \"RUNNING\"",
            "{\"action\":\"queue\",\"filter\":{\"states\":[]}}         | states must be a non-empty list of state names, was []",
            "{\"action\":\"queue\",\"filter\":{\"states\":[5]}}        | unknown state 5 in states",
            "{\"action\":\"queue\",\"filter\":{\"limit\":\"5\"}}       | limit must be a whole number from 1 to 2147483647, was \"5\"",
            "{\"action\":\"queue\",\"filter\":{\"limit\":1.5}}         | limit must be a whole number from 1 to 2147483647, was 1.5",
            "{\"action\":\"queue\",\"filter\":{\"limit\":2147483648}}  | limit must be a whole number from 1 to 2147483647, was 2147483648",
            "{\"action\":\"queue\",\"filter\":{\"limit\":1e20}}        | limit must be a whole number from 1 to 2147483647, was 1.0E20",
            "{\"action\":\"queue\",\"filter\":{\"limit\":0}}           | limit must be a whole number from 1 to 2147483647, was 0",
            "{\"action\":\"queue\",\"filter\":{\"user\":5}}            | user must be a string, was 5",
            "{\"action\":\"queue\",\"filter\":{\"state\":true}}        | state must be a string",
            "{\"action\":\"output\",\"jobId\":\"x\",\"maxBytes\":1.5}  | maxBytes must be a whole number from 0 to 67108864 (64 MiB), was 1.5",
            "{\"action\":\"output\",\"jobId\":\"x\",\"maxBytes\":\"10\"} | maxBytes must be a whole number from 0 to 67108864 (64 MiB), was \"10\"",
            "{\"action\":\"output\",\"jobId\":\"x\",\"maxBytes\":-1}   | maxBytes must be a whole number from 0 to 67108864 (64 MiB), was -1",
            "{\"action\":\"output\",\"jobId\":\"x\",\"maxBytes\":2147483000} | maxBytes must be a whole number from 0 to 67108864 (64 MiB), was 2147483000",
            "{\"action\":\"cancel\",\"jobIds\":[null]}                 | jobIds must hold job ids (strings), was null at index 0",
            "{\"action\":\"job\",\"jobId\":5}                          | jobId must be a string, was 5",
            "{\"action\":\"clean\",\"jobIds\":[\"x\"],\"outputs\":\"yes\"} | outputs must be true or false, was \"yes\"",
            "{\"action\":\"queue\",\"fliter\":{\"user\":\"ann\"}}      | unknown field 'fliter': a control request has action, filter,",
            "{}                                                      | action is required: use one of ping, queue,",
            "{\"action\":null}                                       | action is required",
            "{\"action\":7}                                          | action must be a string, was 7"})
    void givenAFieldUnknownOrOfTheWrongKind_whenAsked_thenBadRequestNamingTheFieldAndTheValue(String body, String message) {
        assertThat(refusal(body)).startsWith(message.strip());
    }

    @Test
    void givenARequestPastTheBodyLimit_whenAsked_thenBadRequestNamingItsLengthBeforeItIsParsed() {
        String body = "{\"action\":\"queue\",\"filter\":{\"name\":\"" + "a".repeat(12_000_000) + "\"}}";

        assertThat(refusal(body)).isEqualTo("the request is " + body.length() + " characters long; a request takes at"
                + " most " + io.muster.options.Limits.BODY_CHARS + " characters");
    }

    @Test
    void givenAnUnknownFieldWithANewline_whenRefused_thenTheMessageHasNoLineBreak() {
        assertThat(refusal("{\"action\":\"ping\",\"a\\nb\":1}")).startsWith("unknown field 'a\\nb'").doesNotContain("\n");
    }

    @Test
    void givenWellFormedFilters_whenAsked_thenTheyAnswerAsBefore() {
        assertThat(requests.handle("{\"action\":\"queue\",\"filter\":{\"user\":\"ann\",\"limit\":1}}")
                .path("jobs")).hasSize(1);
        assertThat(requests.handle("{\"action\":\"queue\",\"filter\":{}}").path("jobs")).hasSize(2);
        assertThat(requests.handle("{\"action\":\"queue\"}").path("jobs")).hasSize(2);
        assertThat(requests.handle("{\"action\":\"count\",\"filter\":{\"states\":[\"ACCEPTED\"]}}")
                .path("total").asInt()).isEqualTo(2);
    }
}
