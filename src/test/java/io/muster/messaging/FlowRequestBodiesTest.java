package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.options.Limits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A flow request that is not one JSON object is refused saying what is wrong with it, as on muster.control. */
class FlowRequestBodiesTest {

    private static ObjectNode ask(String body) {
        return new FlowRequests(null).handle(body, "m1", Sender.UNRESTRICTED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"flow\":\"a\",\"flow\":\"b\"}    | the request is not JSON: field 'flow' is given twice",
            "{\"flow\":\"a\"} {\"flow\":\"b\"} | the request is not JSON: there is more after the JSON object",
            "{\"flow\":                         | the request is not JSON: ",
            "\"chain\"                          | a flow request is a JSON object"})
    void givenABodyThatIsNoOneJsonObjectThenRefusedSayingWhy(String body, String reason) {
        ObjectNode answer = ask(body.strip());

        assertThat(answer.path("error").asText()).isEqualTo("BAD_REQUEST");
        assertThat(answer.at("/problems/0/reason").asText()).startsWith(reason.strip());
    }

    @Test
    void givenDeepJsonThenRefusedNamingTheDepth() {
        ObjectNode answer = ask("{\"flow\":\"a\",\"parameters\":" + "[".repeat(5000) + "]".repeat(5000) + "}");

        assertThat(answer.at("/problems/0/reason").asText()).isEqualTo("the request is not JSON: it nests deeper"
                + " than 16 levels");
    }

    @Test
    void givenABodyPastTheLimitThenRefusedNamingItsLengthNotEchoingIt() {
        String body = "{\"flow\":\"" + "a".repeat(12_000_000) + "\"}";
        ObjectNode answer = ask(body);

        assertThat(answer.at("/problems/0/reason").asText()).isEqualTo("the request is " + body.length()
                + " characters long; a request takes at most " + Limits.BODY_CHARS + " characters");
        assertThat(answer.toString().length()).isLessThan(1000);
    }
}
