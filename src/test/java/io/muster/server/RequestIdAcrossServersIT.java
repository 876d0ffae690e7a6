package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.store.JobStore;
import io.muster.store.ServerLeases;
import io.muster.testing.TestDatabase;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission that reaches a second server after a first one stored its job. A message delivered
 * again because the server that stored its job died before committing it is answered with that
 * job, request id or none. And a request id sent again, to another server than the one that stored its job (a client that
 * gave up waiting for the reply, or the same message sent to two servers at once): the second
 * server answers with the job the first one stored, and leaves its hand-over to its owner. Had it
 * dispatched the job as well, both servers would have handed it over, and it would have run twice.
 */
class RequestIdAcrossServersIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void givenAnotherLiveServersJobNotYetHandedOverWhenItsRequestIdReachesThisServerThenItAnswersWithThatJobAndDoesNotRunIt()
            throws Exception {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open();
             TestServer beta = TestServer.start(dir.resolve("beta"), 2, TestServer.sharing(db, "beta"));
             Muster client = Muster.connect(beta.url())) {
            // the user this server gives a submission of this client's, so the key is the same user's
            JobHandle first = client.submit(JobRequest.command("true"));
            assertThat(first.await(WAIT)).isEqualTo(JobState.COMPLETED);
            String user = beta.server().store().find(JobId.of(first.id())).orElseThrow().user();

            // given a job that server alpha (alive: it holds its lease) stored and has not handed over yet
            String alpha = "alpha/1/busy";
            new ServerLeases(db.database().dataSource(), alpha).register("alpha", Duration.ofMinutes(5));
            JobStore alphasStore = new JobStore(db.database().dataSource(), alpha);
            Path marker = dir.resolve("runs");
            JobId id = JobId.generate();
            JobRecord stored = alphasStore.insertOrGet(JobRecord.accepted(id, "sent-twice", "twice",
                    "echo run >> '" + marker + "'", "local", null, Map.of(),
                    JobFiles.dirFor(beta.workRoot(), id), user));

            // when the same request id reaches beta
            JobHandle again = client.submit(JobRequest.command("echo run >> '" + marker + "'").requestId("sent-twice"));

            // then beta answers with alpha's job, and neither runs it nor takes it from alpha
            assertThat(again.id()).isEqualTo(stored.id().value());
            Thread.sleep(5_000); // several of beta's check and dispatch intervals
            JobRecord now = alphasStore.find(id).orElseThrow();
            assertThat(now.state()).as("alpha's job, as beta left it").isEqualTo(JobState.ACCEPTED);
            assertThat(now.schedulerId()).isNull();
            assertThat(alphasStore.owner(id)).contains(alpha);
            assertThat(Files.exists(marker)).as("a run of alpha's job by beta").isFalse();
            alphasStore.close();
        }
    }

    @Test
    void givenAServerThatStoredASubmissionsJobAndDiedBeforeCommittingItsMessageWhenTheMessageComesAgainThenItIsAnsweredWithThatJobWhichRunsOnce()
            throws Exception {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open();
             TestServer beta = TestServer.start(dir.resolve("beta"), 2, TestServer.sharing(db, "beta"));
             jakarta.jms.Connection jms = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(beta.url())
                     .createConnection()) {
            jms.start();
            jakarta.jms.Session plain = jms.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Queue submit = plain.createQueue(io.muster.api.Destinations.SUBMIT_QUEUE);
            jakarta.jms.TemporaryQueue replies = plain.createTemporaryQueue();
            jakarta.jms.MessageConsumer answers = plain.createConsumer(replies);
            Path marker = dir.resolve("runs");
            String body = "{\"command\": \"echo run >> '" + marker + "'; echo once\"}"; // no request id
            // the user this server gives such a message's submission
            String user = beta.server().store().find(JobId.of(jobIdOf(answer(plain, submit, replies, answers,
                    "{\"command\": \"true\"}")))).orElseThrow().user();

            // given server alpha read the message, stored its job and died before committing the message
            beta.bean(io.muster.messaging.SubmissionListener.class).stop();
            jakarta.jms.TextMessage sent = plain.createTextMessage(body);
            sent.setJMSReplyTo(replies);
            plain.createProducer(submit).send(sent);
            jakarta.jms.Session alphasSession = jms.createSession(true, jakarta.jms.Session.SESSION_TRANSACTED);
            jakarta.jms.Message read = alphasSession.createConsumer(submit).receive(WAIT.toMillis());
            assertThat(read).isNotNull();
            JobStore alphasStore = new JobStore(db.database().dataSource(), "alpha/1/dead");
            JobId id = JobId.generate();
            alphasStore.insertAll(java.util.List.of(JobRecord.accepted(id, null, null, "echo run >> '" + marker
                    + "'; echo once", "local", null, Map.of(), JobFiles.dirFor(beta.workRoot(), id), user)),
                    java.util.List.of(read.getJMSMessageID()));
            alphasSession.close(); // uncommitted: the broker delivers the message again
            alphasStore.close();

            // when beta reads it again
            beta.bean(io.muster.messaging.SubmissionListener.class).start();

            // then it answers with alpha's job, which it takes over and runs once
            jakarta.jms.Message answer = answers.receive(WAIT.toMillis());
            assertThat(answer).as("the answer to the message delivered again").isNotNull();
            assertThat(jobIdOf(answer)).isEqualTo(id.value());
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> beta.server().store().find(id).orElseThrow()
                    .state().isFinal());
            assertThat(beta.server().store().find(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
            Thread.sleep(3_000); // a second job, had one been made, has run by now
            assertThat(Files.readAllLines(marker)).as("runs of the submission").hasSize(1);
        }
    }

    private static jakarta.jms.Message answer(jakarta.jms.Session session, jakarta.jms.Queue submit,
                                              jakarta.jms.Queue replies, jakarta.jms.MessageConsumer answers,
                                              String body) throws Exception {
        jakarta.jms.TextMessage message = session.createTextMessage(body);
        message.setJMSReplyTo(replies);
        session.createProducer(submit).send(message);
        jakarta.jms.Message answer = answers.receive(WAIT.toMillis());
        assertThat(answer).isNotNull();
        return answer;
    }

    private static String jobIdOf(jakarta.jms.Message answer) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(((jakarta.jms.TextMessage) answer).getText())
                .path("jobId").asText();
    }
}
