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
    void givenAnObserverWhenSheRestartsOrStopsAnExecutionThenRejectedNamingIt() {
        assertThat(ask("{\"action\": \"stop\", \"executionId\": 12}", OLGA).at("/problems/0/reason").asText())
                .isEqualTo("olga may not stop flow execution 12 (needs submit)");
        assertThat(ask("{\"action\": \"restart\", \"executionId\": 12}", OLGA).at("/problems/0/reason").asText())
                .isEqualTo("olga may not restart flow execution 12 (needs submit)");
    }

    @Test
    void givenASenderWithoutALoginWhenSheStopsAnExecutionThenRejected() {
        assertThat(ask("{\"action\": \"stop\", \"executionId\": 12}", Sender.withoutLogin())
                .at("/problems/0/reason").asText()).startsWith("a sender without a login may not stop flow execution 12");
    }
}
