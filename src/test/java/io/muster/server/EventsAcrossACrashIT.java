package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.Destinations;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import io.muster.messaging.EventPublisher;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose end is stored but whose event had not left when the server died: its event is
 * published by the next start, so a durable subscriber waiting for the end is not left waiting.
 */
class EventsAcrossACrashIT {

    private static final String SUBSCRIPTION = "ends";

    @TempDir
    Path dataDir;

    @Test
    void aFinalStateStoredButNotYetAnnouncedIsPublishedAfterTheRestart() throws Exception {
        // given a durable subscriber, and a server that stops publishing (as one killed right after
        // storing an end does) before a job fails
        try (TestServer first = new TestServer(dataDir, 1)) {
            subscribe(first, Duration.ZERO);
            first.bean(EventPublisher.class).close();
            first.submit("{\"requestId\":\"unannounced\",\"backend\":\"local\",\"command\":\"exit 3\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> first.server().store().findByRequestId("unannounced")
                    .map(JobRecord::state).filter(JobState::isFinal).isPresent());
        }

        // when the server starts again on the same data, then the subscriber gets the job's end
        try (TestServer second = new TestServer(dataDir, 1)) {
            List<String> states = subscribe(second, Duration.ofSeconds(30));
            assertThat(states).as("the events of job 'unannounced' the subscriber got").contains("FAILED");
        }
    }

    /** The states of job 'unannounced' the durable subscription holds or gets within {@code wait}. */
    private static List<String> subscribe(TestServer muster, Duration wait) throws Exception {
        List<String> states = new ArrayList<>();
        try (Connection connection = muster.server().broker().connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createSharedDurableConsumer(
                    session.createTopic(Destinations.EVENTS_TOPIC), SUBSCRIPTION);
            connection.start();
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && !states.contains("FAILED")) {
                TextMessage m = (TextMessage) consumer.receive(500);
                if (m != null && "unannounced".equals(m.getStringProperty("requestId"))) {
                    states.add(m.getStringProperty("state"));
                }
            }
        }
        return states;
    }
}
