package io.muster.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.batch.FlowEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveEventsTest {

    /**
     * Regression (black-box probe): a browser that stopped reading was dropped from the count at once,
     * while its thread stayed blocked in its write; so more and more such streams were let in, each
     * holding a thread and a connection, past {@link HttpFrontend#MAX_STREAMS}.
     */
    @Test
    void aDroppedStreamCountsAgainstTheLimitUntilItsThreadLetsGo() {
        LiveEvents events = new LiveEvents();
        LiveEvents.Client stuck = events.subscribe();

        for (int i = 0; i <= LiveEvents.BACKLOG; i++) {
            events.onFlowEvent(new FlowEvent(FlowEvent.Kind.STEP, "STARTED", i, i, "f", "a", i, null, null,
                    Instant.now()));
        }

        assertThat(stuck.dropped).isTrue();
        assertThat(events.subscribers()).isEqualTo(1);
        events.unsubscribe(stuck);
        assertThat(events.subscribers()).isZero();
    }
}
