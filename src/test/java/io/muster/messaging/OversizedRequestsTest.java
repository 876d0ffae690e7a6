package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Destinations;
import org.junit.jupiter.api.Test;

/** The broker plugin holds literal copies of Muster's limit and addresses (it is compiled alone for brokers of one's own). */
class OversizedRequestsTest {

    @Test
    void refusesAtTwiceTheLargestRequestBodyInUtf8() {
        assertThat(OversizedRequests.MAX_MESSAGE_BYTES).isEqualTo(2 * MessageBodies.MAX_BYTES);
    }

    @Test
    void watchesExactlyTheQueuesMusterReadsRequestsFrom() {
        assertThat(OversizedRequests.REQUEST_ADDRESSES)
                .containsExactlyInAnyOrder(Destinations.SUBMIT_QUEUE, Destinations.CONTROL_QUEUE, Destinations.FLOWS_QUEUE);
    }
}
