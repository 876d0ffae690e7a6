package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.cli.MusterCli;
import io.muster.testing.EventProbe;
import io.muster.testing.SubmissionJson;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission the server cannot handle however often it is delivered (here: the job store refuses
 * its row, a real database failure) is answered REJECTED, reply and event, with the reason, once
 * its last attempt failed; its body is kept in the DLQ, where {@code muster dlq} finds it, sends it
 * back once the cause is gone, or deletes it.
 */
class DeadLetterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data.resolve("server"), 2);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void sql(String statement) throws Exception {
        try (var c = DriverManager.getConnection(server.server().config().jdbcUrl(), "muster", "");
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Run muster(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = server.url();
        int exit = MusterCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(exit, out.toString(), err.toString());
    }

    record Run(int exit, String out, String err) {
    }

    @Test
    void aSubmissionThatFailsEveryAttemptIsAnsweredRejectedAndKeptInTheDlqForAdmins() throws Exception {
        sql("ALTER TABLE MUSTER_JOB ADD CONSTRAINT NO_POISON CHECK (NAME IS NULL OR NAME <> 'poison')");
        String body = SubmissionJson.command("echo back").name("poison").backend("local").requestId("dlq-1").json();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(server.url());
        JsonNode reply;
        try (EventProbe events = new EventProbe(factory, "requestId = 'dlq-1'");
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer answers = session.createConsumer(replies);
            connection.start();
            TextMessage request = session.createTextMessage(body);
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("muster.submit")).send(request);

            Message answer = answers.receive(WAIT.toMillis());
            assertThat(answer).as("one answer after the last attempt").isNotNull();
            reply = JSON.readTree(((TextMessage) answer).getText());
            JsonNode event = events.await("REJECTED", WAIT);

            assertThat(reply.path("status").asText()).isEqualTo("REJECTED");
            assertThat(reply.path("requestId").asText()).isEqualTo("dlq-1");
            assertThat(reply.path("violations").get(0).path("message").asText())
                    .contains("could not be handled in 5 attempts").contains("kept in DLQ");
            assertThat(event.path("data").path("reason").asText()).contains("could not be handled in 5 attempts");
            assertThat(answers.receive(1000)).as("exactly one answer").isNull();
        }
        String number = reply.path("violations").get(0).path("message").asText()
                .replaceAll(".*muster dlq show (\\d+).*", "$1");

        Run list = muster("dlq", "list");
        Run show = muster("dlq", "show", number);

        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains(number).contains("muster.submit");
        assertThat(show.out()).contains("address:     muster.submit").contains(body);

        sql("ALTER TABLE MUSTER_JOB DROP CONSTRAINT NO_POISON");
        try (EventProbe events = new EventProbe(factory, "requestId = 'dlq-1'")) {
            Run retry = muster("dlq", "retry", number);

            assertThat(retry.exit()).as(retry.err()).isZero();
            assertThat(retry.out()).contains("sent back " + number);
            assertThat(events.await("COMPLETED", WAIT).path("data").path("name").asText()).isEqualTo("poison");
        }
        assertThat(muster("dlq", "show", number).exit()).as("taken off the DLQ").isEqualTo(2);
        Path out = server.server().store().findByRequestId("dlq-1").orElseThrow().stdoutPath();
        assertThat(Files.readString(out)).isEqualTo("back\n");
    }

    @Test
    void purgeDeletesDeadLettersAndRefusesWhatIsNoNumber() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(server.url());
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("DLQ")).send(session.createTextMessage("{\"left\":1}"));
        }

        assertThat(muster("dlq", "purge", "nope").exit()).isEqualTo(2);
        Run purge = muster("dlq", "purge", "--all");

        assertThat(purge.exit()).as(purge.err()).isZero();
        assertThat(muster("dlq", "list").out()).doesNotContain("left");
    }
}
