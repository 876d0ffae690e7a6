package io.muster.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.JobState;
import io.muster.config.MusterConfig;
import io.muster.server.MusterServer;
import io.muster.testing.EventProbe;
import io.muster.testing.FailingObserver;
import io.muster.testing.MusterArchive;
import io.muster.testing.SubmissionJson;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job change is stored before anyone is told of it, so an observer that throws must not undo
 * it, nor keep the other observers (the event publisher among them) from hearing of it.
 * Regression: an observer that threw on a new job rolled its submission back after the job was
 * stored; the redelivered message found the job stored and left it to whoever stored it, so it
 * stayed ACCEPTED, never run, until the next start.
 */
@ExtendWith(ArquillianExtension.class)
class ObserverFailureIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment
    static JavaArchive deployment() {
        return MusterArchive.create();
    }

    @Inject
    MusterServer server;

    private ConnectionFactory factory() throws Exception {
        if (!server.running()) {
            server.start(new MusterConfig(Files.createTempDirectory("muster-it"), MusterConfig.DEFAULT_BROKER_HOST, 0,
                    2, MusterConfig.defaultLocalMemoryMb(), MusterConfig.DEFAULT_BATCH_THREADS));
        }
        return server.broker().connectionFactory();
    }

    @Test
    void aJobWhoseAcceptanceAnObserverFailsOnStillRunsAndIsAnnounced() throws Exception {
        Run run = runWithAFailingObserver(JobState.ACCEPTED, "echo ran");

        assertThat(run.end().path("state").asText()).isEqualTo("COMPLETED");
        assertThat(Files.readString(Path.of(run.end().path("stdout").asText()))).isEqualTo("ran\n");
        assertThat(run.states()).as("the observers after the failing one heard of the acceptance too")
                .containsSubsequence("ACCEPTED", "QUEUED", "RUNNING", "COMPLETED");
    }

    @Test
    void anEndAnObserverFailsOnIsStillPublished() throws Exception {
        Run run = runWithAFailingObserver(JobState.COMPLETED, "true");

        assertThat(run.end().path("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.end().path("exitCode").asInt()).isZero();
    }

    /** The final event's data, and the states of every event the job had. */
    private record Run(JsonNode end, java.util.List<String> states) {
    }

    /** Runs {@code command} as a local job whose move into {@code failingOn} makes an observer throw. */
    private Run runWithAFailingObserver(JobState failingOn, String command) throws Exception {
        String name = "observer-fails-" + UUID.randomUUID();
        FailingObserver.failOn(name, failingOn);
        try (EventProbe events = new EventProbe(factory(), "name = '" + name + "'")) {
            send(SubmissionJson.command(command).option("name", name).backend("local").json());
            JsonNode end = events.awaitEnd(WAIT).path("data");
            return new Run(end, events.states());
        } finally {
            FailingObserver.disarm(name);
        }
    }

    private void send(String body) throws Exception {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("muster.submit")).send(session.createTextMessage(body));
        }
    }
}
