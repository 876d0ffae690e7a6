package io.muster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Destinations;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pushes jobs through a running Muster exactly as a client would, JSON onto {@code muster.submit}
 * and final events back from {@code muster.events}, and measures what came out: jobs per
 * second, the time from a message's send to its process's start (the wrapper's
 * {@code started} file), and how busy the pool's slots were.
 */
final class LocalPoolBench implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One job's facts: when its message left, when its wrapper started, when it ended. */
    record Job(String requestId, Instant sent, Instant started, Instant ended, Instant finalEvent, String state) {
    }

    /** The jobs of one phase and its wall time, first send to last final event. */
    record Phase(List<Job> jobs, Duration wall) {
        double jobsPerSecond() {
            return jobs.size() / seconds(wall);
        }
    }

    private final Connection connection;
    private final Session producerSession;
    private final MessageProducer producer;
    private final Session consumerSession;
    private final Map<String, JsonNode> finals = new ConcurrentHashMap<>();
    private final Map<String, Instant> finalAt = new ConcurrentHashMap<>();
    private volatile CountDownLatch pending = new CountDownLatch(0);
    private volatile String prefix = "";

    LocalPoolBench(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = producerSession.createProducer(producerSession.createQueue(Destinations.SUBMIT_QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        consumerSession = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer events = consumerSession.createConsumer(consumerSession.createTopic(Destinations.EVENTS_TOPIC),
                "group = 'GOOD' OR group = 'BAD'");
        events.setMessageListener(m -> {
            Instant at = Instant.now();
            try {
                JsonNode data = JSON.readTree(((TextMessage) m).getText()).path("data");
                String requestId = data.path("requestId").asText();
                if (requestId.startsWith(prefix) && finals.putIfAbsent(requestId, data) == null) {
                    finalAt.put(requestId, at);
                    pending.countDown();
                }
            } catch (JMSException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
    }

    /** Sends {@code count} jobs, {@code pace} apart (zero: as fast as they go), and waits for all their ends. */
    Phase run(String phase, String command, int count, Duration pace, Duration timeout) throws Exception {
        prefix = "bench-" + phase + "-" + System.nanoTime() + "-";
        pending = new CountDownLatch(count);
        Map<String, Instant> sent = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (!pace.isZero()) {
                long due = start + pace.toNanos() * i;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    if (wait > 2_000_000) {
                        Thread.sleep((wait - 1_000_000) / 1_000_000);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
            String requestId = prefix + i;
            ObjectNode body = JSON.createObjectNode();
            body.put("requestId", requestId);
            body.put("command", command);
            body.put("backend", "local");
            TextMessage message = producerSession.createTextMessage(body.toString());
            sent.put(requestId, Instant.now());
            producer.send(message);
        }
        if (!pending.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException(phase + ": " + pending.getCount() + " of " + count + " jobs did not end within "
                    + timeout);
        }
        long end = System.nanoTime();
        List<Job> jobs = new ArrayList<>(count);
        for (Map.Entry<String, Instant> e : sent.entrySet()) {
            JsonNode data = finals.remove(e.getKey());
            Path dir = Path.of(data.path("stdout").asText()).getParent();
            jobs.add(new Job(e.getKey(), e.getValue(), epoch(dir.resolve("started")), modified(dir.resolve("exitcode")),
                    finalAt.remove(e.getKey()), data.path("state").asText()));
        }
        return new Phase(jobs, Duration.ofNanos(end - start));
    }

    /** Sends {@code count} jobs as fast as they go and returns at once: jobs to keep in flight. */
    void send(String phase, String command, int count) throws JMSException {
        String sendPrefix = "bench-" + phase + "-" + System.nanoTime() + "-";
        for (int i = 0; i < count; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("requestId", sendPrefix + i);
            body.put("command", command);
            body.put("backend", "local");
            producer.send(producerSession.createTextMessage(body.toString()));
        }
    }

    /** Message sent → wrapper started, in milliseconds, sorted. */
    static List<Double> latencies(List<Job> jobs) {
        List<Double> out = new ArrayList<>();
        for (Job j : jobs) {
            if (j.started() != null) {
                out.add(Duration.between(j.sent(), j.started()).toNanos() / 1e6);
            }
        }
        Collections.sort(out);
        return out;
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /**
     * How much of the pool's slot time the jobs filled between the first start and the last end:
     * the sum of the jobs' run times (weighted by their cores, here 1) over cores × that span.
     */
    static double occupancy(List<Job> jobs, int cores) {
        Instant first = null;
        Instant last = null;
        double busy = 0;
        for (Job j : jobs) {
            if (j.started() == null || j.ended() == null) {
                continue;
            }
            first = first == null || j.started().isBefore(first) ? j.started() : first;
            last = last == null || j.ended().isAfter(last) ? j.ended() : last;
            busy += seconds(Duration.between(j.started(), j.ended()));
        }
        return first == null ? Double.NaN : busy / (cores * seconds(Duration.between(first, last)));
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static Instant epoch(Path file) throws IOException {
        try {
            String text = Files.readString(file).trim();
            int dot = text.indexOf('.');
            long s = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
            long nanos = dot < 0 ? 0 : Long.parseLong((text.substring(dot + 1) + "000000000").substring(0, 9));
            return Instant.ofEpochSecond(s, nanos);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Instant modified(Path file) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
