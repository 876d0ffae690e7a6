package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.JobState;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import io.muster.config.ExternalBrokerSettings;
import io.muster.testing.ArtemisBroker;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker of one's own, made as {@code server-config/artemis/instance.sh} makes one (it compiles
 * {@link OversizedRequests} into the instance's lib directory, and broker.xml declares it),
 * refuses a request far past Muster's limit at the send, as the embedded broker does
 * ({@code LargeBodiesIT}). Before, only the embedded broker did: on an external one such a
 * submission reached the server, whose client library read it whole, past its heap.
 */
class OversizedRequestsOnBrokerIT {

    @TempDir
    Path scratch;

    @Test
    void aBrokerMadeByInstanceShRefusesASubmissionFarPastTheLimitAndTheServerRunsTheNextOne() throws Exception {
        try (ArtemisBroker broker = ArtemisBroker.standalone(scratch.resolve("broker"))) {
            ExternalBrokerSettings login = new ExternalBrokerSettings(broker.url(), "muster", "muster-test");
            try (TestServer server = TestServer.onBroker(scratch.resolve("server"), 1, login, UnaryOperator.identity());
                 Connection connection = new ActiveMQConnectionFactory(broker.url(), "muster", "muster-test")
                         .createConnection()) {
                String body = "{\"command\":\"echo huge\",\"name\":\"" + "x".repeat(12_000_000) + "\"}";
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

                assertThatThrownBy(() -> session.createProducer(session.createQueue("muster.submit"))
                        .send(session.createTextMessage(body)))
                        .isInstanceOf(JMSException.class)
                        .hasMessageContaining("is refused: a request takes at most " + OversizedRequests.MAX_MESSAGE_BYTES);

                try (Muster muster = Muster.connect(broker.url(), "muster", "muster-test")) {
                    assertThat(JobRequest.command("echo", "after").submit(muster).await(Duration.ofSeconds(60)))
                            .isEqualTo(JobState.COMPLETED);
                }
            }
        }
    }
}
