package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokerLinkTest {

    @Test
    void waitsOneSecondThenTwiceAsLongEachAttemptUpToThirtySeconds() {
        assertThat(BrokerLink.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(BrokerLink.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(BrokerLink.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(BrokerLink.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(BrokerLink.delay(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBrokerExceptionReadsAsItsOwnMessageInOneLine() {
        Exception wrapped = new Exception("ActiveMQNotConnectedException[errorType=NOT_CONNECTED message=AMQ219006:"
                + " Channel disconnected]");
        assertThat(ExternalBroker.oneLine(wrapped)).isEqualTo("AMQ219006: Channel disconnected");
        Exception nested = new Exception("Failed to create session factory", new RuntimeException("AMQ219007:\n nope"));
        assertThat(ExternalBroker.oneLine(nested)).isEqualTo("Failed to create session factory: AMQ219007: nope");
    }
}
