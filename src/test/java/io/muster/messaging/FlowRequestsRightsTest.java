package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.config.UserRole;
import org.junit.jupiter.api.Test;

/** Flow requests an observer or a sender without a login may not make: refused before any flow is touched. */
class FlowRequestsRightsTest {

    private static final Sender OLGA = Sender.of("olga", UserRole.OBSERVE.withIncluded());

    /** No flows at all: a refusal must come before the request reaches them. */
    private static ObjectNode ask(String body, Sender sender) {
        return new FlowRequests(null).handle(body, "m1", sender);
    }

    @Test
    void givenAnObserverWhenSheStartsAFlowThenRejectedNamingHerTheFlowAndSubmit() {
        ObjectNode answer = ask("{\"flow\": \"chain\"}", OLGA);

        assertThat(FlowRequests.rejected(answer)).isTrue();
        assertThat(answer.at("/problems/0/reason").asText()).isEqualTo("olga may not start flow chain (needs submit)");
    }

    @Test
    void givenAnObserverWhenSheRestartsAnExecutionThenRejectedNamingIt() {
        ObjectNode answer = ask("{\"action\": \"restart\", \"executionId\": 12}", OLGA);

        assertThat(answer.path("status").asText()).as("a restart makes new work").isEqualTo("REJECTED");
        assertThat(answer.at("/problems/0/reason").asText()).isEqualTo("olga may not restart flow execution 12 (needs submit)");
    }

    @Test
    void givenAnObserverWhenSheStopsAnExecutionThenAnErrorNamingIt() {
        ObjectNode answer = ask("{\"action\": \"stop\", \"executionId\": 12}", OLGA);

        assertThat(answer.path("status").asText()).as("a stop makes no new work: OK or ERROR").isEqualTo("ERROR");
        assertThat(answer.path("error").asText()).isEqualTo("FORBIDDEN");
        assertThat(answer.path("message").asText()).isEqualTo("olga may not stop flow execution 12 (needs submit)");
    }

    @Test
    void givenASenderWithoutALoginWhenSheStopsAnExecutionThenRefused() {
        assertThat(ask("{\"action\": \"stop\", \"executionId\": 12}", Sender.withoutLogin())
                .path("message").asText()).startsWith("a sender without a login may not stop flow execution 12");
    }

    @Test
    void givenAStatusRequestWithoutAnExecutionIdThenAnErrorNotAProblemList() {
        ObjectNode answer = ask("{\"action\": \"status\"}", OLGA);

        assertThat(answer.path("status").asText()).isEqualTo("ERROR");
        assertThat(answer.path("error").asText()).isEqualTo("BAD_REQUEST");
        assertThat(answer.has("problems")).isFalse();
    }
}
