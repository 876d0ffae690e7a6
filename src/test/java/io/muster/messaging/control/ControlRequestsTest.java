package io.muster.messaging.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ControlRequests: reads a request and routes it by its action; what it cannot read is a BAD_REQUEST. */
class ControlRequestsTest extends ControlTestBase {

    private ControlRequests requests;

    @BeforeEach
    void open() {
        requests = fixture.requests();
    }

    @Test
    void aBodyThatIsNoJsonIsABadRequestSayingSo() {
        ObjectNode answer = requests.handle("{not json");

        assertThat(answer.path("status").asText()).isEqualTo("ERROR");
        assertThat(ControlFixture.error(answer)).isEqualTo("BAD_REQUEST");
        assertThat(answer.path("message").asText()).startsWith("the request is not JSON");
    }

    @Test
    void anUnknownActionIsABadRequestNamingEveryAction() {
        ObjectNode answer = requests.handle("{\"action\":\"reboot\"}");

        assertThat(ControlFixture.error(answer)).isEqualTo("BAD_REQUEST");
        assertThat(answer.path("message").asText()).contains("'reboot'", String.join(", ", ControlRequests.ACTIONS));
    }

    @Test
    void anActionThatCannotReadItsRequestAnswersABadRequest() {
        ObjectNode answer = requests.handle("{\"action\":\"job\"}");

        assertThat(ControlFixture.error(answer)).isEqualTo("BAD_REQUEST");
        assertThat(answer.path("message").asText()).isEqualTo("action 'job' needs a 'jobId'");
    }

    @Test
    void routesEachActionToItsClass() {
        var job = fixture.stored("ann");

        assertThat(requests.handle("{\"action\":\"ping\"}").path("server").asText()).isEqualTo("muster");
        assertThat(requests.handle("{\"action\":\"count\"}").path("total").asInt()).isEqualTo(1);
        assertThat(requests.handle("{\"action\":\"job\",\"jobId\":\"" + job.id() + "\"}").path("job").path("jobId")
                .asText()).isEqualTo(job.id().value());
    }
}
