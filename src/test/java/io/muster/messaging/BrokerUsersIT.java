package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.api.JobState;
import io.muster.cli.MusterCli;
import io.muster.client.CancelResult;
import io.muster.client.JobEvent;
import io.muster.client.JobHandle;
import io.muster.client.Muster;
import io.muster.client.MusterException;
import io.muster.client.MusterLoginException;
import io.muster.client.Subscription;
import io.muster.job.JobRecord;
import io.muster.store.JobFilter;
import io.muster.testing.EventProbe;
import io.muster.testing.FlowXml;
import io.muster.testing.SubmissionJson;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with {@code broker.users}: clients log in, the login is the job's user, and a user
 * may send requests and read her own replies and events but not other people's submissions.
 * Roles: alice (no roles given: submit) and bob submit, olga observes, root administers. The
 * acceptor binds to every address, which only a broker with users may.
 */
class BrokerUsersIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static TestServer server;

    @BeforeAll
    static void startServerWithUsers() throws Exception {
        Path users = data.resolve("broker-users");
        Files.writeString(users, "# who may log in\nalice = secret\nbob:submit = bob-pw\nolga:observe = olga-pw\n"
                + "root:admin = root-pw\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        server = TestServer.start(data.resolve("server"), 2,
                settings -> settings.withBrokerUsers(users).withBrokerHost("0.0.0.0"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static ConnectionFactory as(String user, String password) {
        return new ActiveMQConnectionFactory(server.url(), user, password);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends a submission as alice with a temporary reply queue and returns the server's answer. */
    private static JsonNode submitAsAlice(String body) throws Exception {
        try (Connection connection = as("alice", "secret").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer answers = session.createConsumer(replies);
            connection.start();
            TextMessage request = session.createTextMessage(body);
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("muster.submit")).send(request);
            Message answer = answers.receive(WAIT.toMillis());
            assertThat(answer).as("a reply on alice's temporary queue").isNotNull();
            return JSON.readTree(((TextMessage) answer).getText());
        }
    }

    /** Bob's job, running on the local pool until the test ends, when root cancels it. */
    private static final class BobsRunningJob implements AutoCloseable {

        private final Muster bob = Muster.connect(server.url(), "bob", "bob-pw");
        final JobHandle job = bob.command("sleep 300").backend("local").submit();

        BobsRunningJob() {
            await().atMost(WAIT).until(() -> job.state() == JobState.RUNNING);
        }

        JobState storedState() {
            return server.server().store().findByRequestId(job.requestId()).orElseThrow().state();
        }

        @Override
        public void close() {
            try (Muster root = Muster.connect(server.url(), "root", "root-pw")) {
                root.cancel(job.id());
            } finally {
                bob.close();
            }
        }
    }

    @Test
    void givenAnObserverWhenSheAsksForTheQueueThenSheSeesOthersJobsButMayNeitherSubmitNorCancelThem()
            throws Exception {
        try (BobsRunningJob bobs = new BobsRunningJob();
             Muster olga = Muster.connect(server.url(), "olga", "olga-pw");
             Connection connection = as("olga", "olga-pw").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var submit = session.createProducer(session.createQueue("muster.submit"));

            assertThat(olga.queue().all().user("bob").ids()).contains(bobs.job.id());
            // persistent, so the send waits for the broker's verdict
            assertThatThrownBy(() -> submit.send(session.createTextMessage(SubmissionJson.command("true").json())))
                    .isInstanceOf(JMSSecurityException.class);
            assertThat(olga.cancel(bobs.job.id())).singleElement().satisfies(refused -> {
                assertThat(refused.outcome()).isEqualTo(CancelResult.Outcome.FAILED);
                assertThat(refused.message()).isEqualTo("olga may not cancel job " + bobs.job.id()
                        + " of bob (needs admin)");
            });
            assertThat(bobs.storedState()).isEqualTo(JobState.RUNNING);
        }
    }

    @Test
    void givenASubmitterWhenSheCancelsHerOwnAndSomebodyElsesJobThenOnlyHersEnds() throws Exception {
        try (BobsRunningJob bobs = new BobsRunningJob();
             Muster alice = Muster.connect(server.url(), "alice", "secret")) {
            JobHandle hers = alice.command("sleep 300").backend("local").submit();

            List<CancelResult> results = alice.cancel(bobs.job.id(), hers.id());

            assertThat(results.get(0).outcome()).isEqualTo(CancelResult.Outcome.FAILED);
            assertThat(results.get(0).message()).isEqualTo("alice may not cancel job " + bobs.job.id()
                    + " of bob (needs admin)");
            assertThat(results.get(1).jobId()).isEqualTo(hers.id());
            assertThat(results.get(1).ok()).as(results.get(1).message()).isTrue();
            assertThat(hers.await(WAIT)).isEqualTo(JobState.CANCELLED);
            assertThat(bobs.storedState()).isEqualTo(JobState.RUNNING);
        }
    }

    @Test
    void givenAnAdminWhenHeCancelsSomebodyElsesJobThenItEnds() throws Exception {
        try (BobsRunningJob bobs = new BobsRunningJob();
             Muster root = Muster.connect(server.url(), "root", "root-pw")) {
            CancelResult result = root.cancel(bobs.job.id()).get(0);

            assertThat(result.ok()).as(result.message()).isTrue();
            assertThat(bobs.job.await(WAIT)).isEqualTo(JobState.CANCELLED);
        }
    }

    @Test
    void givenASubmitterWhenSheResubmitsOrCleansSomebodyElsesJobThenRefusedNamingTheMissingRight()
            throws Exception {
        try (Muster bob = Muster.connect(server.url(), "bob", "bob-pw");
             Muster alice = Muster.connect(server.url(), "alice", "secret")) {
            JobHandle bobs = bob.command("true").backend("local").submit();
            assertThat(bobs.await(WAIT)).isEqualTo(JobState.COMPLETED);

            assertThatThrownBy(() -> alice.resubmit(bobs.id())).isInstanceOf(MusterException.class)
                    .hasMessageEndingWith("alice may not resubmit job " + bobs.id() + " of bob (needs admin)");
            assertThat(alice.clean(List.of(bobs.id()), true)).singleElement().satisfies(skipped -> assertThat(
                    skipped.skipped()).isEqualTo("alice may not clean job " + bobs.id() + " of bob (needs admin)"));
            assertThat(Files.exists(Path.of(bobs.info().stdout()))).as("bob's stdout").isTrue();
        }
    }

    @Test
    void givenAnObserverWhenSheAsksForADryRunThenRefusedForSheMayNotSubmit() {
        try (Muster olga = Muster.connect(server.url(), "olga", "olga-pw")) {
            assertThatThrownBy(() -> olga.command("true").backend("local").dryRun())
                    .isInstanceOf(MusterException.class)
                    .hasMessageEndingWith("olga may not render a dry run (needs submit)");
        }
    }

    @Test
    void givenAnAdminWhenHeReadsMusterRejectedThenHeGetsTheRejectedSubmission() throws Exception {
        String correlation = unique("bad");
        try (Connection alice = as("alice", "secret").createConnection();
             Connection root = as("root", "root-pw").createConnection()) {
            Session aliceSession = alice.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage bad = aliceSession.createTextMessage("{\"command\": \"true\", \"options\": {\"cores\": \"lots\"}}");
            bad.setJMSCorrelationID(correlation);
            aliceSession.createProducer(aliceSession.createQueue("muster.submit")).send(bad);
            Session rootSession = root.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer rejected = rootSession.createConsumer(rootSession.createQueue("muster.rejected"),
                    "JMSCorrelationID = '" + correlation + "'");
            root.start();

            Message copy = rejected.receive(WAIT.toMillis());

            assertThat(copy).as("alice's rejected submission").isNotNull();
            assertThat(((TextMessage) copy).getText()).contains("lots");
        }
    }

    @Test
    void givenAFlowAliceStartedThenItsJobsRunAsAliceAndBobMayNotStopItButRootMay() throws Exception {
        // given alice's flow, whose first step runs a while
        Path flow = FlowXml.flow("alices").step("slow", "sleep 300").property("backend", "local")
                .writeTo(data.resolve("alices.xml"));
        Run started = muster("flow", "start", "--url", server.url(), "--broker-user", "alice",
                "--broker-password=secret", "--detach", flow.toString());
        assertThat(started.exit()).as(started.err()).isZero();
        String execution = started.out().replaceAll("\\D+", " ").trim().split(" ")[0];
        await().atMost(WAIT).until(() -> server.server().store().find(JobFilter.all()).stream()
                .anyMatch(j -> j.requestId() != null && j.requestId().startsWith("flow-" + execution + "-")
                        && j.state() == JobState.RUNNING));
        JobRecord step = server.server().store().find(JobFilter.all()).stream()
                .filter(j -> j.requestId() != null && j.requestId().startsWith("flow-" + execution + "-"))
                .findFirst().orElseThrow();
        assertThat(step.user()).isEqualTo("alice");

        // when bob, then root, stop it
        Run byBob = muster("flow", "stop", "--url", server.url(), "--broker-user", "bob", "--broker-password=bob-pw",
                execution);
        Run byRoot = muster("flow", "stop", "--url", server.url(), "--broker-user", "root",
                "--broker-password=root-pw", execution);

        // then
        assertThat(byBob.exit()).isEqualTo(125);
        assertThat(byBob.err()).contains("bob may not stop flow execution " + execution + " of alice (needs admin)");
        assertThat(byRoot.exit()).as(byRoot.err()).isZero();
        await().atMost(WAIT).until(() -> server.server().store().find(step.id()).orElseThrow().state().isFinal());
    }

    @Test
    void givenAnObserverWhenSheAsksForAFlowsStatusThenTheServerAnswers() {
        Run unknown = muster("flow", "status", "--url", server.url(), "--broker-user", "olga",
                "--broker-password=olga-pw", "987654");

        // the request reached muster.flows and its answer came back: the server knows no such execution
        assertThat(unknown.exit()).as(unknown.err()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("muster: no flow execution 987654\n");
    }

    @Test
    void anObserversSubmitExitsLoginRefusedWithTheBrokersReasonNotNoServer() {
        Run submit = muster("submit", "--url", server.url(), "--broker-user", "olga", "--broker-password=olga-pw",
                "-b", "local", "--", "true");

        assertThat(submit.exit()).as(submit.err()).isEqualTo(77);
        assertThat(submit.err()).contains("refused user 'olga'").contains("muster.submit")
                .doesNotContain("Start one with");
    }

    @Test
    void onlyAnAdminMayListTheDeadLetters() {
        Run byOlga = muster("dlq", "list", "--url", server.url(), "--broker-user", "olga", "--broker-password=olga-pw");
        Run byRoot = muster("dlq", "list", "--url", server.url(), "--broker-user", "root", "--broker-password=root-pw");

        assertThat(byOlga.exit()).as(byOlga.err()).isEqualTo(77);
        assertThat(byOlga.err()).contains("refused user 'olga'").contains("DLQ");
        assertThat(byRoot.exit()).as(byRoot.err()).isZero();
        assertThat(byRoot.out()).startsWith("NUMBER");
    }

    @Test
    void aSubmissionWithoutAUserRunsAsItsSendersLogin() throws Exception {
        String requestId = unique("login");
        try (EventProbe events = new EventProbe(as("alice", "secret"), "requestId = '" + requestId + "'")) {
            JsonNode answer = submitAsAlice(SubmissionJson.command("true").backend("local").requestId(requestId).json());

            JsonNode end = events.awaitEnd(WAIT).path("data");

            assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(end.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(end.path("user").asText()).isEqualTo("alice");
            assertThat(server.server().store().findByRequestId(requestId).orElseThrow().user()).isEqualTo("alice");
        }
    }

    @Test
    void aSubmissionNamingSomebodyElseIsRejectedNamingBoth() throws Exception {
        JsonNode answer = submitAsAlice(SubmissionJson.command("true").field("user", "bob").json());

        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(answer.path("violations").toString()).contains("'bob'").contains("'alice'");
    }

    @Test
    void aWrongPasswordNoLoginOrAGuessAtMustersOwnLoginCannotConnect() {
        assertThatThrownBy(() -> as("alice", "wrong").createConnection().close())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> new ActiveMQConnectionFactory(server.url()).createConnection().close())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> as("muster-server", "guess").createConnection().close())
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void theJavaClientSaysWhichBrokerRefusedWhichUser() {
        assertThatThrownBy(() -> Muster.connect(server.url(), "alice", "wrong"))
                .isInstanceOf(MusterLoginException.class)
                .hasMessage("the broker at " + server.url() + " refused user 'alice': wrong user name or password");
        assertThatThrownBy(() -> Muster.connect(server.url()))
                .isInstanceOf(MusterLoginException.class)
                .hasMessageContaining(server.url()).hasMessageContaining("without a user name");
    }

    @Test
    void aUserCannotReadSubmissionsRequestsOrRejects() throws Exception {
        try (Connection connection = as("alice", "secret").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : new String[] {"muster.submit", "muster.control", "muster.flows", "muster.rejected",
                    "DLQ"}) {
                assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue)).close()).as(queue)
                        .isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    @Test
    void aUserCannotPublishEvents() throws Exception {
        try (Connection connection = as("alice", "secret").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createTopic("muster.events"));

            // persistent, so the send waits for the broker's verdict
            assertThatThrownBy(() -> producer.send(session.createTextMessage("{\"forged\": true}")))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void theJavaClientSubmitsFollowsAndListsJobsAsItsLogin() throws Exception {
        try (Muster alice = Muster.connect(server.url(), "alice", "secret")) {
            JobHandle job = alice.command("echo hi").backend("local").submit();

            assertThat(job.await(WAIT)).isEqualTo(JobState.COMPLETED);
            assertThat(job.stdout()).isEqualTo("hi\n");
            assertThat(alice.queue().all().user("alice").ids()).contains(job.id());
        }
    }

    @Test
    void aUserKeepsADurableEventSubscriptionThatCollectsWhileSheIsAway() throws Exception {
        String name = unique("alice-reports");
        String requestId = unique("durable");
        BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
        try (Muster alice = Muster.connect(server.url(), "alice", "secret")) {
            alice.durableEvents(name, "requestId = '" + requestId + "' AND state = 'COMPLETED'", e -> { }).close();
            submitAsAlice(SubmissionJson.command("true").backend("local").requestId(requestId).json());
        }
        try (Muster alice = Muster.connect(server.url(), "alice", "secret");
             Subscription again = alice.durableEvents(name, "requestId = '" + requestId + "' AND state = 'COMPLETED'",
                     events::add)) {
            JobEvent completed = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(completed).as("the COMPLETED event kept for alice's durable subscription").isNotNull();
        }
    }

    @Test
    void theCliLogsInWithBrokerUserAndPasswordAndSaysInOneLineWhoWasRefused() {
        Run ok = muster("submit", "--url", server.url(), "--broker-user", "alice", "--broker-password=secret",
                "--wait", "--", "true");
        Run wrong = muster("submit", "--url", server.url(), "--broker-user", "alice", "--broker-password=wrong",
                "--", "true");
        Run anonymous = muster("queue", "--url", server.url());

        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(wrong.exit()).isEqualTo(77);
        assertThat(wrong.err()).isEqualTo("muster: the broker at " + server.url()
                + " refused user 'alice': wrong user name or password\n");
        assertThat(anonymous.exit()).isEqualTo(77);
        assertThat(anonymous.err().lines()).singleElement().asString().contains(server.url())
                .contains("--broker-user");
    }

    @Test
    void theFlowCommandsLogInToo() {
        Run refused = muster("flow", "status", "--url", server.url(), "--broker-user", "alice",
                "--broker-password=wrong", "1");
        Run unknown = muster("flow", "status", "--url", server.url(), "--broker-user", "alice",
                "--broker-password=secret", "987654");

        assertThat(refused.exit()).isEqualTo(77);
        assertThat(refused.err()).isEqualTo("muster: the broker at " + server.url()
                + " refused user 'alice': wrong user name or password\n");
        // the request reached muster.flows and its answer came back: the server knows no such execution
        assertThat(unknown.exit()).as(unknown.err()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("muster: no flow execution 987654\n");
    }

    record Run(int exit, String out, String err) {
    }

    private static Run muster(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MusterCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }
}
