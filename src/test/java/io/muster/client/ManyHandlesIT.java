package io.muster.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.Destinations;
import io.muster.api.JobState;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** What handles on many jobs cost: their states are asked all at once, not one round trip after another. */
class ManyHandlesIT {

    private static final int JOBS = 150;

    /**
     * Regression (black-box probe): muster.jobs(ids) asked each job's state in turn, a round trip
     * each (17 s before a wait on 1,000 ended jobs could start). A stand-in for the server answers
     * no request until all of them have come: a client that waits for one answer before it asks
     * the next times out.
     */
    @Test
    void handlesOnManyJobsAskForAllTheirStatesBeforeWaitingForAnAnswer() throws Exception {
        int port = TestServer.freePort();
        ActiveMQServer broker = new ActiveMQServerImpl(new ConfigurationImpl().setPersistenceEnabled(false)
                .setSecurityEnabled(false).addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        broker.start();
        String url = "tcp://127.0.0.1:" + port;
        List<String> ids = IntStream.range(0, JOBS).mapToObj(i -> "mx000000-" + String.format("%05d", i)).toList();
        try (Connection server = new ActiveMQConnectionFactory(url).createConnection()) {
            Session session = server.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer requests = session.createConsumer(session.createQueue(Destinations.CONTROL_QUEUE));
            MessageProducer answers = session.createProducer(null);
            server.start();
            Thread standIn = new Thread(() -> answerWhenAllCame(session, requests, answers));
            standIn.setDaemon(true);
            standIn.start();

            try (Muster muster = Muster.connect(url).requestTimeout(Duration.ofSeconds(5))) {
                List<JobHandle> handles = muster.jobs(ids);

                assertThat(handles).extracting(JobHandle::id).containsExactlyElementsOf(ids);
                assertThat(handles).extracting(JobHandle::state).containsOnly(JobState.COMPLETED);
            }
        } finally {
            broker.stop();
        }
    }

    /** Collects every {@code job} request, then answers each: COMPLETED with exit code 0. */
    private static void answerWhenAllCame(Session session, MessageConsumer requests, MessageProducer answers) {
        try {
            List<Message> came = new ArrayList<>();
            while (came.size() < JOBS) {
                Message m = requests.receive(20_000);
                if (m == null) {
                    return;
                }
                came.add(m);
            }
            for (Message m : came) {
                JsonNode request = Json.parse(((TextMessage) m).getText());
                String id = request.path("jobId").asText();
                TextMessage answer = session.createTextMessage("{\"status\":\"OK\",\"job\":{\"jobId\":\"" + id
                        + "\",\"name\":\"n\",\"state\":\"COMPLETED\",\"group\":\"GOOD\",\"exitCode\":0}}");
                answer.setJMSCorrelationID(m.getJMSCorrelationID());
                answers.send(m.getJMSReplyTo(), answer);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
