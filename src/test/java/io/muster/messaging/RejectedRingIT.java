package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Destinations;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of refused submissions cannot fill the broker's disk: {@code muster.rejected} keeps the
 * last {@link Destinations#REJECTED_KEPT}, each new copy past them removing the oldest.
 */
class RejectedRingIT {

    @TempDir
    Path data;

    /** Regression (probe A #6): every refused copy was kept, so a flood of them grew the journal without bound. */
    @Test
    void keepsOnlyTheLastRefusedSubmissionsWhenMoreArrive() throws Exception {
        int over = 7;
        int sent = (int) Destinations.REJECTED_KEPT + over;
        try (TestServer server = TestServer.start(data.resolve("server"), 1)) {
            Connection connection = new ActiveMQConnectionFactory(server.url()).createConnection();
            try {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

                // given more refused submissions than the queue keeps (a bad mem each, no reply wanted)
                MessageProducer producer = session.createProducer(session.createQueue(Destinations.SUBMIT_QUEUE));
                for (int i = 0; i < sent; i++) {
                    producer.send(session.createTextMessage("{\"command\":\"true\",\"name\":\"ring-" + i
                            + "\",\"options\":{\"mem\":\"lots\"}}"));
                }

                // when every one has been refused, then the queue holds the newest ones only
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> names(session).contains("ring-" + (sent - 1)));
                List<String> kept = names(session);
                assertThat(kept).hasSize((int) Destinations.REJECTED_KEPT);
                assertThat(kept.get(0)).isEqualTo("ring-" + over);
                assertThat(kept.get(kept.size() - 1)).isEqualTo("ring-" + (sent - 1));
            } finally {
                connection.close();
            }
        }
    }

    /** The job names of the copies on muster.rejected, oldest first. */
    private static List<String> names(Session session) throws Exception {
        List<String> names = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(Destinations.REJECTED_QUEUE))) {
            for (Object m : Collections.list(browser.getEnumeration())) {
                String body = ((TextMessage) m).getText();
                int at = body.indexOf("\"name\":\"") + 8;
                names.add(body.substring(at, body.indexOf('"', at)));
            }
        }
        return names;
    }
}
