package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.testing.FlowXml;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code muster flow …} against a real {@code muster server} process, both from the packaged
 * jar, the server on a free TCP port. The backend is {@code -Dmuster.test.backend} (local by default).
 */
class FlowCommandIT {

    private static final String BACKEND = System.getProperty("muster.test.backend", "local");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    static Process server;
    static int port;

    record Result(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void startServer() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = data.resolve("server.log");
        server = new ProcessBuilder(java("server", "--data-dir", data.resolve("m").toString(), "--port",
                String.valueOf(port), "--http-port", "0", "--local-cores", "2", "--flows-dir", data.resolve("flows").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(log).contains("Muster is listening")) {
            assertThat(server.isAlive()).as("server alive; log:%n%s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("server started in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "muster.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Result muster(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url");
        all.add("tcp://127.0.0.1:" + port);
        Path out = Files.createTempFile(data, "cli", ".out");
        Path err = Files.createTempFile(data, "cli", ".err");
        Process p = new ProcessBuilder(java(all.toArray(String[]::new))).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("muster %s ends", String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static long executionId(Result r) {
        Matcher m = Pattern.compile("flow execution (\\d+) started").matcher(r.stdout());
        assertThat(m.find()).as("execution id in %s", r).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void flowStartRunsTheChainPrintsEachStepAndExitsZero() throws Exception {
        Result r = muster("flow", "start", "examples/chain", "-p", "backend=" + BACKEND);

        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stdout()).containsPattern("step a +COMPLETED +job ").containsPattern("step d +COMPLETED")
                .containsPattern("flow chain \\(execution \\d+\\) COMPLETED");
    }

    @Test
    void aFailingStepFixedThenRestartedCompletesWithoutRerunningTheFirst() throws Exception {
        Path input = data.resolve("reads.txt");
        Result failed = muster("flow", "start", "examples/three-steps", "-p", "input=" + input, "-p", "backend=" + BACKEND);
        assertThat(failed.exit()).as("%s", failed).isEqualTo(1);
        long id = executionId(failed);

        Result status = muster("flow", "status", String.valueOf(id));
        assertThat(status.stdout()).containsPattern("analyse +FAILED +FAILED +job ");
        JsonNode asJson = JSON.readTree(muster("flow", "status", "--json", String.valueOf(id)).stdout());
        assertThat(asJson.path("batchStatus").asText()).isEqualTo("FAILED");
        assertThat(asJson.path("steps").findValuesAsText("step")).containsExactly("prepare", "analyse");

        Files.writeString(input, "x\ny\n");
        Result restarted = muster("flow", "restart", String.valueOf(id));

        assertThat(restarted.exit()).as("%s", restarted).isZero();
        assertThat(restarted.stdout()).doesNotContain("step prepare").contains("step analyse", "step report");
        Matcher dir = Pattern.compile("work directory (\\S+)").matcher(status.stdout());
        assertThat(dir.find()).isTrue();
        assertThat(Files.readAllLines(Path.of(dir.group(1), "prepare.log"))).hasSize(1);
    }

    @Test
    void flowStopCancelsTheRunningJobAndTheFlowEndsStopped() throws Exception {
        Path file = FlowXml.flow("sleepy-cli").step("nap", "sleep 600")
                .property("backend", "#{jobParameters['backend']}").writeTo(data.resolve("sleepy.xml"));
        Result started = muster("flow", "start", file.toString(), "--detach", "-p", "backend=" + BACKEND);
        long id = executionId(started);
        Result running = awaitStatus(id, "nap +STARTED");
        // regression: a flow and a step still going were shown with exit status "null"
        assertThat(running.stdout()).contains("execution " + id + ": STARTED" + System.lineSeparator())
                .containsPattern("nap +STARTED +- ").doesNotContain("null");

        Result stop = muster("flow", "stop", String.valueOf(id));

        assertThat(stop.exit()).as("%s", stop).isZero();
        Result status = awaitStatus(id, "execution " + id + ": STOPPED");
        assertThat(status.stdout()).containsPattern("nap +STOPPED +CANCELLED");
    }

    /** Regression (black-box probe): a step whose job was refused ended the flow FAILED with no word on why. */
    @Test
    void aStepWhoseJobIsRefusedEndsTheFlowFailedAndFlowStartSaysWhy() throws Exception {
        Path file = FlowXml.flow("refused-cli").step("bad", "true").property("mem", "#{jobParameters['mem']}")
                .property("backend", "#{jobParameters['backend']}").writeTo(data.resolve("refused.xml"));

        Result r = muster("flow", "start", file.toString(), "-p", "mem=lots", "-p", "backend=" + BACKEND);

        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.stdout()).containsPattern("step bad rejected: .*lots");
    }

    private Result awaitStatus(long id, String regex) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Result r;
        do {
            r = muster("flow", "status", String.valueOf(id));
            if (Pattern.compile(regex).matcher(r.stdout()).find()) {
                return r;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("status never matched " + regex + "; last: " + r);
    }

    /** Regression (black-box probe): an unknown execution was "flow refused" with JBeret's message, exit 125. */
    @Test
    void statusStopAndRestartOfAnUnknownExecutionSayNoFlowExecutionAndExit2() throws Exception {
        for (String action : List.of("status", "stop", "restart")) {
            Result r = muster("flow", action, "987654");

            assertThat(r.exit()).as("%s", r).isEqualTo(2);
            assertThat(r.stderr()).as(action).isEqualTo("muster: no flow execution 987654" + System.lineSeparator());
        }
    }

    /** Regression (black-box probe): flow status showed, and flow stop reached, executions of Muster's own dispatch job. */
    @Test
    void theDispatchJobsExecutionsAreNoFlowExecutions() throws Exception {
        try (io.muster.client.Muster client = io.muster.client.Muster.connect("tcp://127.0.0.1:" + port);
             io.muster.client.FlowControl flows = client.flows()) {
            client.command("true").submit().await(Duration.ofSeconds(60));
            long flow = flows.start("examples/chain", java.util.Map.of("backend", BACKEND)).path("executionId").asLong();
            List<Long> notFlows = new ArrayList<>();
            for (long id = 1; id < flow; id++) {
                try {
                    assertThat(flows.status(id).path("parameters").has("muster.flow")).as("execution %d", id).isTrue();
                } catch (io.muster.client.FlowRejectedException e) {
                    assertThat(e.code()).isEqualTo(io.muster.api.ErrorCode.UNKNOWN_FLOW);
                    assertThat(e.problems().get(0).reason()).isEqualTo("no flow execution " + id);
                    notFlows.add(id);
                }
            }
            assertThat(notFlows).as("the dispatch executions before flow %d", flow).isNotEmpty();
            Result stop = muster("flow", "stop", String.valueOf(notFlows.get(0)));
            assertThat(stop.exit()).as("%s", stop).isEqualTo(2);
            flows.follow(flow, Duration.ofSeconds(90), e -> { });
        }
    }

    /** Regression (black-box probe): flow's --timeout took only ISO-8601, unlike every other --timeout. */
    @Test
    void flowTimeoutReadsDurationsAsTheOtherCommandsDo() throws Exception {
        Result r = muster("flow", "start", "--timeout", "5m", "examples/chain", "-p", "backend=" + BACKEND);

        assertThat(r.exit()).as("%s", r).isZero();
    }

    @Test
    void malformedFlowIsRefusedWithFileLineAndReasonAndExits125() throws Exception {
        Path file = data.resolve("broken.xml");
        Files.writeString(file, """
                <job id="broken" xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.0">
                  <step id="one">
                    <batchlet ref="clusterJob">
                  </step>
                </job>
                """);

        Result r = muster("flow", "start", file.toString());

        assertThat(r.exit()).isEqualTo(FlowCommand.REJECTED);
        assertThat(r.stderr()).contains(file + ":4:").contains("not well-formed XML");
    }

    @Test
    void aFlowMessageOnTheSubmitQueueStartsTheFlowAndTheReplyCarriesItsExecutionId() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer answers = session.createConsumer(replies);
            MessageConsumer events = session.createConsumer(session.createTopic("muster.events"),
                    "type = 'io.muster.flow.completed' OR type = 'io.muster.flow.failed'");
            connection.start();
            TextMessage request = session.createTextMessage(
                    "{\"flow\": \"examples/chain\", \"parameters\": {\"backend\": \"" + BACKEND + "\"}}");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("flow-1");
            session.createProducer(session.createQueue("muster.submit")).send(request);

            Message reply = answers.receive(Duration.ofSeconds(30).toMillis());
            assertThat(reply).isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("flow-1");
            JsonNode answer = JSON.readTree(((TextMessage) reply).getText());
            assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
            long id = answer.path("executionId").asLong();

            JsonNode end = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (end == null && System.nanoTime() < deadline) {
                Message m = events.receive(1000);
                if (m != null) {
                    JsonNode e = JSON.readTree(((TextMessage) m).getText());
                    if (e.path("data").path("executionId").asLong() == id) {
                        end = e;
                    }
                }
            }
            assertThat(end).as("end event of execution %d", id).isNotNull();
            assertThat(end.path("type").asText()).isEqualTo("io.muster.flow.completed");
        }
    }

    @Test
    void aFlowRequestDeliveredTwiceStartsTheFlowOnce() throws Exception {
        // given one request (one requestId) that reaches the server twice, as after a redelivery
        String body = "{\"flow\": \"examples/chain\", \"requestId\": \"once-" + System.nanoTime()
                + "\", \"parameters\": {\"backend\": \"" + BACKEND + "\"}}";
        try (Requester submit = new Requester()) {
            List<JsonNode> got = List.of(submit.request(body), submit.request(body));

            // then the second answer names the run the first one started
            assertThat(got).allSatisfy(a -> assertThat(a.path("status").asText()).isEqualTo("ACCEPTED"));
            assertThat(got.get(1).path("executionId").asLong()).isEqualTo(got.get(0).path("executionId").asLong());
            assertThat(got.get(0).has("earlier")).isFalse();
            assertThat(got.get(1).path("earlier").asBoolean()).isTrue();
        }
    }

    @Test
    void aFlowMessageNamingNoFlowIsRejectedAndCopiedToTheRejectedQueue() throws Exception {
        try (Requester submit = new Requester()) {
            String body = "{\"flow\": \"no-such-flow\"}";

            JsonNode answer = submit.request(body);

            assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
            assertThat(answer.path("problems").get(0).path("reason").asText()).contains("no flow of that name");
            List<String> rejected = new ArrayList<>();
            MessageConsumer copies = submit.session.createConsumer(submit.session.createQueue("muster.rejected"));
            for (Message m = copies.receive(2000); m != null; m = copies.receive(500)) {
                rejected.add(((TextMessage) m).getText());
            }
            assertThat(rejected).contains(body);
        }
    }

    /** A client of muster.submit that reads each answer on a temporary queue of its own. */
    private static final class Requester implements AutoCloseable {
        private final Connection connection;
        private final Session session;
        private final TemporaryQueue replies;
        private final MessageConsumer answers;

        Requester() throws Exception {
            connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port).createConnection();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            replies = session.createTemporaryQueue();
            answers = session.createConsumer(replies);
            connection.start();
        }

        /** Sends {@code body} to muster.submit; the server's answer. */
        JsonNode request(String body) throws Exception {
            TextMessage request = session.createTextMessage(body);
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("muster.submit")).send(request);
            Message reply = answers.receive(30_000);
            assertThat(reply).as("reply to %s", body).isNotNull();
            return JSON.readTree(((TextMessage) reply).getText());
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
