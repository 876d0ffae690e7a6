package io.muster.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A question about the queue, narrowed step by step, then asked with {@link #list()},
 * {@link #ids()}, {@link #count()} or {@link #counts()}:
 *
 * <pre>{@code
 * List<JobInfo> mine = muster.queue().running().user("ann").partition("short").list();
 * int failed = muster.queue().failed().name("align*").count();
 * }</pre>
 *
 * <p>The view is {@link #active()} (queued or running) unless another is chosen. Filters all
 * have to hold. Each call to a terminal method is one request to the server.
 */
public final class QueueQuery {

    private final Muster client;
    private final ObjectNode filter = Json.MAPPER.createObjectNode().put("state", "active");

    QueueQuery(Muster client) {
        this.client = client;
    }

    /** Jobs not ended yet: queued, running, held, suspended, requeued, unknown. The default. */
    public QueueQuery active() {
        return view("active");
    }

    /** Waiting to run: accepted, queued, held, preempted, requeued. */
    public QueueQuery queued() {
        return view("queued");
    }

    /** Running, completing or suspended. */
    public QueueQuery running() {
        return view("running");
    }

    /** Ended, well or badly. */
    public QueueQuery done() {
        return view("done");
    }

    /** Ended well (COMPLETED). */
    public QueueQuery completed() {
        return view("completed");
    }

    /** Ended badly: failed, cancelled, timed out, out of memory, node failure, dependency failed, lost. */
    public QueueQuery failed() {
        return view("failed");
    }

    /** Every job the server remembers. */
    public QueueQuery all() {
        return view("all");
    }

    /** Exactly these states (within the chosen view; combine with {@link #all()}). */
    public QueueQuery states(JobState... states) {
        ArrayNode array = filter.putArray("states");
        for (JobState s : states) {
            array.add(s.name());
        }
        return this;
    }

    private QueueQuery view(String name) {
        filter.put("state", name);
        return this;
    }

    public QueueQuery user(String user) {
        return put("user", user);
    }

    public QueueQuery backend(String backend) {
        return put("backend", backend);
    }

    public QueueQuery partition(String partition) {
        return put("partition", partition);
    }

    /** Job name; {@code *} matches any run of characters and {@code ?} one character. */
    public QueueQuery name(String pattern) {
        return put("name", pattern);
    }

    /** Only the most recently submitted {@code n} jobs. */
    public QueueQuery limit(int n) {
        filter.put("limit", n);
        return this;
    }

    private QueueQuery put(String field, String value) {
        if (value == null) {
            filter.remove(field);
        } else {
            filter.put(field, value);
        }
        return this;
    }

    ObjectNode filter() {
        return filter.deepCopy();
    }

    /** The matching jobs, oldest first. */
    public List<JobInfo> list() {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", "queue");
        request.set("filter", filter());
        List<JobInfo> jobs = new ArrayList<>();
        for (JsonNode j : client.control(request).path("jobs")) {
            jobs.add(JobInfo.parse(j));
        }
        return jobs;
    }

    /** The ids of the matching jobs, oldest first. */
    public List<String> ids() {
        return list().stream().map(JobInfo::jobId).toList();
    }

    /** How many jobs match. */
    public int count() {
        return countAnswer().path("total").asInt();
    }

    /** How many jobs match, per state (states with none left out). */
    public Map<JobState, Integer> counts() {
        Map<JobState, Integer> out = new EnumMap<>(JobState.class);
        countAnswer().path("byState").fields().forEachRemaining(e -> out.put(JobState.valueOf(e.getKey()),
                e.getValue().asInt()));
        return out;
    }

    private JsonNode countAnswer() {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", "count");
        request.set("filter", filter());
        return client.control(request);
    }
}
