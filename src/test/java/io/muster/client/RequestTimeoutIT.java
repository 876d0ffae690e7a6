package io.muster.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.TestServer;
import java.time.Duration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.junit.jupiter.api.Test;

/** The client's request timeout is checked where it is set. */
class RequestTimeoutIT {

    /**
     * Regression (black-box probe): requestTimeout(ZERO) made every request fail at once, a
     * negative one sent requests with a negative lifetime, and null failed later with a
     * NullPointerException.
     */
    @Test
    void aTimeoutThatIsNotPositiveIsRefusedNamingTheSettingAndTheValue() throws Exception {
        int port = TestServer.freePort();
        ActiveMQServer broker = new ActiveMQServerImpl(new ConfigurationImpl().setPersistenceEnabled(false)
                .setSecurityEnabled(false).addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        broker.start();
        try (Muster muster = Muster.connect("tcp://127.0.0.1:" + port)) {
            for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5), null}) {
                assertThatThrownBy(() -> muster.requestTimeout(bad))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("requestTimeout must be a positive duration, was " + bad);
            }
        } finally {
            broker.stop();
        }
    }
}
