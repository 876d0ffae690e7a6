package io.muster.client;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.ActiveMQConnectionTimedOutException;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.junit.jupiter.api.Test;

class UnavailableMessageTest {

    private static final String URL = "tcp://127.0.0.1:61616";

    @Test
    void aBrokerThatTookTheConnectionButNeverAnsweredIsNotCalledMissing() {
        // given the failure a client saw while the server it connected to was still resuming its jobs
        JMSException e = failure(new ActiveMQConnectionTimedOutException(
                "AMQ219013: Timed out waiting to receive cluster topology. Group:null"));

        // when / then
        assertThat(Muster.unavailable(URL, e))
                .startsWith("the broker at " + URL + " took the connection but did not answer it in time")
                .contains("try again", "AMQ219013")
                .doesNotContain("no Muster server is running");
    }

    @Test
    void nothingListeningIsAMissingServer() {
        JMSException e = failure(new ActiveMQNotConnectedException("AMQ219007: Cannot connect to server(s)."));

        assertThat(Muster.unavailable(URL, e)).isEqualTo("no Muster server is running at " + URL
                + " (AMQ219007: Cannot connect to server(s).)");
    }

    private static JMSException failure(Exception cause) {
        JMSException e = new JMSException("Failed to create session factory");
        e.initCause(cause);
        e.setLinkedException(cause);
        return e;
    }
}
