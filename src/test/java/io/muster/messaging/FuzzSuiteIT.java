package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.Muster;
import io.muster.testing.TestServer;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz suite: a seeded run of at least 5,000 bad submissions ({@link BadSubmissions}) against a
 * real server. Every message gets exactly one answer (one reply, and one REJECTED event or one
 * final event of its job), a case that must be refused is REJECTED, the server stays up (a
 * plain job still runs), and no job is left in a non-final state. Prints the counts.
 *
 * <p>{@code -Dmuster.fuzz.seed=N} replays a run (the seed is printed); {@code -Dmuster.fuzz.count=N}
 * sends more.
 */
class FuzzSuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path data;

    @Test
    void everyBadMessageGetsExactlyOneAnswerTheServerStaysUpAndNothingSticks() throws Exception {
        long seed = Long.getLong("muster.fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("muster.fuzz.count", 5000);
        List<BadSubmissions.Case> cases = new BadSubmissions(seed).cases(count);
        System.out.println("fuzz suite: seed " + seed + " (replay with -Dmuster.fuzz.seed=" + seed + "), "
                + cases.size() + " messages");

        Map<String, List<JsonNode>> replies = new ConcurrentHashMap<>();
        Map<String, List<String>> events = new ConcurrentHashMap<>();
        AtomicInteger eventCount = new AtomicInteger();
        long started = System.nanoTime();
        try (TestServer server = TestServer.start(data.resolve("server"), 2);
             Connection connection = new ActiveMQConnectionFactory(server.url()).createConnection()) {
            Session listen = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer eventConsumer = listen.createConsumer(listen.createTopic("muster.events"), "jobId IS NOT NULL");
            eventConsumer.setMessageListener(m -> {
                try {
                    events.computeIfAbsent(m.getStringProperty("jobId"), k -> new ArrayList<>())
                            .add(m.getStringProperty("state"));
                    eventCount.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Session replySession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replyQueue = replySession.createTemporaryQueue();
            replySession.createConsumer(replyQueue).setMessageListener(m -> {
                try {
                    JsonNode body = JSON.readTree(((TextMessage) m).getText());
                    replies.computeIfAbsent(m.getJMSCorrelationID(), k -> new ArrayList<>()).add(body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();

            Session send = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = send.createProducer(send.createQueue("muster.submit"));
            for (int i = 0; i < cases.size(); i++) {
                BadSubmissions.Case c = cases.get(i);
                Message m;
                if (c.isBytes()) {
                    BytesMessage bytes = send.createBytesMessage();
                    bytes.writeBytes(c.bytes());
                    m = bytes;
                } else {
                    m = send.createTextMessage(c.text());
                }
                m.setJMSCorrelationID("case-" + i);
                m.setJMSReplyTo(replyQueue);
                producer.send(m);
            }
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> replies.size() >= cases.size());
            long answered = System.nanoTime();

            Map<String, Integer> byKind = new TreeMap<>();
            Map<String, Integer> acceptedByKind = new TreeMap<>();
            List<String> acceptedJobs = new ArrayList<>();
            List<String> rejectedJobs = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                BadSubmissions.Case c = cases.get(i);
                List<JsonNode> answers = replies.get("case-" + i);
                assertThat(answers).as("replies to case %d (%s)", i, c.kind()).hasSize(1);
                JsonNode reply = answers.get(0);
                String status = reply.path("status").asText();
                String kind = c.kind().replaceAll(" \\S+$", "").replaceAll("\\+1$", "");
                byKind.merge(kind, 1, Integer::sum);
                if (c.expect() == BadSubmissions.Expect.REJECTED) {
                    assertThat(status).as("case %d (%s) %s: %s", i, c.kind(),
                            c.isBytes() ? "bytes" : c.text().substring(0, Math.min(300, c.text().length())), reply)
                            .isEqualTo("REJECTED");
                }
                if (status.equals("ACCEPTED")) {
                    acceptedByKind.merge(kind, 1, Integer::sum);
                    acceptedJobs.add(reply.path("jobId").asText());
                } else {
                    assertThat(status).isEqualTo("REJECTED");
                    assertThat(reply.path("violations")).as("case %d (%s)", i, c.kind()).isNotEmpty();
                    rejectedJobs.add(reply.path("jobId").asText());
                }
            }
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> acceptedJobs.stream()
                    .allMatch(id -> server.server().store().find(new io.muster.api.JobId(id)).orElseThrow().state()
                            .isFinal()));
            await().atMost(Duration.ofSeconds(30)).until(() -> rejectedJobs.stream().allMatch(events::containsKey)
                    && acceptedJobs.stream().allMatch(id -> events.getOrDefault(id, List.of()).stream()
                    .anyMatch(s -> JobState.valueOf(s).isFinal())));
            for (String id : rejectedJobs) {
                assertThat(events.get(id)).as("events of rejected %s", id).containsExactly("REJECTED");
            }
            for (String id : acceptedJobs) {
                assertThat(events.get(id).stream().filter(s -> JobState.valueOf(s).isFinal()))
                        .as("final events of %s", id).hasSize(1);
            }
            assertThat(server.server().store().findUnfinished()).as("jobs left in a non-final state").isEmpty();

            try (Muster client = Muster.connect(server.url())) {
                JobHandle alive = client.command("echo still-up").backend("local").submit();
                assertThat(alive.await(Duration.ofSeconds(60))).isEqualTo(JobState.COMPLETED);
            }
            double seconds = (answered - started) / 1e9;
            System.out.printf("fuzz suite: %d messages, %d REJECTED, %d ACCEPTED (all ended), %d events;"
                            + " answered in %.1f s (%.0f/s); by kind %s; accepted by kind %s%n", cases.size(),
                    rejectedJobs.size(), acceptedJobs.size(), eventCount.get(), seconds, cases.size() / seconds,
                    byKind, acceptedByKind);
        }
    }
}
