package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.JobState;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose reply address is one of Muster's own ({@code muster.events}, a request queue,
 * {@code muster.rejected}, a wildcard over them) gets no answer there: Muster publishes with
 * rights no sender has, so before, any sender could put messages on {@code muster.events} (a
 * submission's answer arrived there as an "event" with the job's id), and an answer sent to
 * {@code muster.submit} came back as a submission of Muster's own and was rejected. The request
 * is carried out as one without a reply address.
 */
class ReplyAddressesIT {

    @TempDir
    Path data;

    @Test
    void noAnswerGoesToMustersOwnAddressesAndTheRequestsAreStillCarriedOut() throws Exception {
        try (TestServer server = TestServer.start(data.resolve("server"), 2);
             Connection connection = new ActiveMQConnectionFactory(server.url()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<Message> onEvents = new CopyOnWriteArrayList<>();
            session.createConsumer(session.createTopic("muster.events")).setMessageListener(onEvents::add);
            connection.start();
            Session send = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<Destination> replyTos = List.of(send.createTopic("muster.events"), send.createQueue("muster.submit"),
                    send.createQueue("muster.control"), send.createQueue("muster.rejected"),
                    send.createQueue("muster.submit::muster.submit"), send.createTopic("muster.#"));
            int submissions = 0;
            for (Destination replyTo : replyTos) {
                TextMessage submission = send.createTextMessage("{\"command\":\"true\",\"backend\":\"local\"}");
                submission.setJMSReplyTo(replyTo);
                submission.setJMSCorrelationID("spoofed");
                send.createProducer(send.createQueue("muster.submit")).send(submission);
                submissions++;
                TextMessage control = send.createTextMessage("{\"action\":\"queue\"}");
                control.setJMSReplyTo(replyTo);
                control.setJMSCorrelationID("spoofed");
                send.createProducer(send.createQueue("muster.control")).send(control);
            }
            int expected = submissions;
            await().atMost(Duration.ofSeconds(60)).until(() -> server.server().store().findUnfinished().isEmpty()
                    && completed(onEvents) == expected);
            Thread.sleep(1000);

            List<String> notEvents = new ArrayList<>();
            for (Message m : onEvents) {
                if (m.getStringProperty("type") == null || m.getJMSCorrelationID() != null) {
                    notEvents.add(m.getJMSCorrelationID() + " " + ((TextMessage) m).getText());
                }
            }
            assertThat(notEvents).as("answers on muster.events").isEmpty();
            assertThat(onEvents).as("a REJECTED job: an answer read back as a submission")
                    .noneMatch(m -> "REJECTED".equals(property(m, "state")));
            assertThat(server.server().store().find(io.muster.store.JobFilter.all()).stream().map(j -> j.state()))
                    .as("the jobs of the store").hasSize(submissions).containsOnly(JobState.COMPLETED);
        }
    }

    /**
     * With {@code broker.reply_prefix}, a named reply address outside it gets no answer: on a broker
     * shared with other programs a sender could otherwise have Muster, which may send everywhere, put
     * its answer on another program's queue.
     */
    @Test
    void withAReplyPrefixOnlyNamedAddressesInsideItAndTemporaryQueuesAreAnswered() throws Exception {
        try (TestServer server = TestServer.start(data.resolve("prefixed"), 2, c -> c.withReplyPrefix("replies."));
             Connection connection = new ActiveMQConnectionFactory(server.url()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Queue other = session.createQueue("other.app.inbox");
            jakarta.jms.Queue mine = session.createQueue("replies.alice");
            jakarta.jms.Queue temporary = session.createTemporaryQueue();
            List<Message> onOther = new CopyOnWriteArrayList<>();
            List<Message> onMine = new CopyOnWriteArrayList<>();
            List<Message> onTemporary = new CopyOnWriteArrayList<>();
            session.createConsumer(other).setMessageListener(onOther::add);
            session.createConsumer(mine).setMessageListener(onMine::add);
            session.createConsumer(temporary).setMessageListener(onTemporary::add);
            connection.start();
            Session send = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // other.app.inbox dressed as a temporary queue, as a STOMP sender writes temp-queue://other.app.inbox
            Destination forged = org.apache.activemq.artemis.jms.client.ActiveMQDestination.fromPrefixedName(
                    "temp-queue://other.app.inbox");
            for (Destination replyTo : List.of(other, mine, temporary, forged)) {
                TextMessage submission = send.createTextMessage("{\"command\":\"true\",\"backend\":\"local\"}");
                submission.setJMSReplyTo(replyTo);
                send.createProducer(send.createQueue("muster.submit")).send(submission);
                TextMessage control = send.createTextMessage("{\"action\":\"queue\"}");
                control.setJMSReplyTo(replyTo);
                send.createProducer(send.createQueue("muster.control")).send(control);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> onMine.size() == 2 && onTemporary.size() == 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> server.server().store().findUnfinished().isEmpty());
            Thread.sleep(1000);

            assertThat(onOther).as("answers on another program's queue").isEmpty();
            assertThat(onMine).extracting(m -> property(m, "status")).containsExactlyInAnyOrder("ACCEPTED", "OK");
            assertThat(server.server().store().find(io.muster.store.JobFilter.all()).stream().map(j -> j.state()))
                    .as("every submission carried out").hasSize(4).containsOnly(JobState.COMPLETED);
        }
    }

    private static long completed(List<Message> events) {
        return events.stream().filter(m -> "COMPLETED".equals(property(m, "state"))).count();
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
