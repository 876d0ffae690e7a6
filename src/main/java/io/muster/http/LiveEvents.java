package io.muster.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.batch.FlowEvent;
import io.muster.job.JobRecord;
import io.muster.tracking.JobChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * What the web page hears of, as Server-Sent Events: every {@link JobChanged} (job id, state, the
 * state before, backend, user) and every {@link FlowEvent} (flow and step starts and ends). The page
 * then asks the control protocol again for what changed, so it shows only what the CLI would.
 * Also remembers the flow executions seen lately, which the page lists.
 */
@ApplicationScoped
public class LiveEvents {

    /**
     * More waiting events than this for one browser means it is gone or stuck: it is dropped, and its
     * stream ends as soon as its thread is free again.
     */
    static final int BACKLOG = 10_000;
    static final int RECENT_FLOWS = 50;
    /**
     * A write to one browser blocked this long means it stopped reading: its thread is interrupted,
     * which closes the connection (a socket channel is interruptible) and frees the thread and its
     * place. The JDK's HTTP server has no write timeout of its own.
     */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One browser's stream. */
    static final class Client {
        final BlockingQueue<String> events = new ArrayBlockingQueue<>(BACKLOG);
        volatile boolean dropped;
        // guarded by this: the interrupt may only land inside a write, never on the pooled thread
        // after the stream has ended
        private Thread writer;
        private long writingSince;
        private boolean ended;

        /** Called by the stream's thread before each write. */
        synchronized void writing() {
            writer = Thread.currentThread();
            writingSince = System.nanoTime();
        }

        /** Called by the stream's thread after each write. */
        synchronized void written() {
            writer = null;
        }

        /** Whether the stream's thread is inside a write now. */
        synchronized boolean inWrite() {
            return writer != null;
        }

        /** Called by the stream's thread once it is done; clears an interrupt aimed at its write. */
        void ended() {
            synchronized (this) {
                ended = true;
                writer = null;
            }
            Thread.interrupted();
        }

        synchronized boolean cutIfStuck(long now, long limitNanos) {
            if (ended || writer == null || now - writingSince < limitNanos) {
                return false;
            }
            dropped = true;
            writer.interrupt();
            writer = null;
            return true;
        }
    }

    private final Set<Client> clients = new CopyOnWriteArraySet<>();
    private final LinkedHashSet<Long> flows = new LinkedHashSet<>();

    Client subscribe() {
        Client c = new Client();
        clients.add(c);
        return c;
    }

    void unsubscribe(Client c) {
        clients.remove(c);
    }

    int subscribers() {
        return clients.size();
    }

    /**
     * Interrupts every stream whose write has been blocked for longer than {@code limit}.
     *
     * @return how many were cut
     */
    int cutStuckWriters(Duration limit) {
        long now = System.nanoTime();
        int cut = 0;
        for (Client c : clients) {
            if (c.cutIfStuck(now, limit.toNanos())) {
                cut++;
            }
        }
        return cut;
    }

    /** Ends every stream (the server stops). */
    void closeAll() {
        for (Client c : clients) {
            c.dropped = true;
            c.events.offer("");
        }
        clients.clear();
    }

    void onJobChanged(@Observes JobChanged change) {
        if (clients.isEmpty()) {
            // every change of every job comes here, and most servers have no page open
            return;
        }
        JobRecord job = change.job();
        ObjectNode e = JSON.createObjectNode().put("kind", "job").put("jobId", job.id().value())
                .put("state", job.state().name()).put("previous", change.previous() == null ? null
                        : change.previous().name()).put("backend", job.backend()).put("user", job.user());
        send("job", e.toString());
    }

    void onFlowEvent(@Observes FlowEvent event) {
        synchronized (flows) {
            flows.remove(event.executionId());
            flows.add(event.executionId());
            while (flows.size() > RECENT_FLOWS) {
                flows.remove(flows.iterator().next());
            }
        }
        if (clients.isEmpty()) {
            return;
        }
        ObjectNode e = JSON.createObjectNode().put("kind", event.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("type", event.type()).put("executionId", event.executionId()).put("flow", event.flow())
                .put("step", event.step()).put("jobId", event.jobId());
        send("flow", e.toString());
    }

    /** The flow executions seen since the start, the latest first. */
    List<Long> recentFlows() {
        synchronized (flows) {
            List<Long> out = new ArrayList<>(flows);
            java.util.Collections.reverse(out);
            return out;
        }
    }

    private void send(String type, String data) {
        String frame = "event: " + type + "\ndata: " + data + "\n\n";
        // checked here, where events arrive, and when a page is refused a place: no thread of its own
        cutStuckWriters(WRITE_TIMEOUT);
        for (Client c : clients) {
            if (!c.dropped && !c.events.offer(frame)) {
                // stays counted until its thread lets go (HttpFrontend#stream unsubscribes): one blocked in a
                // write to a browser that stopped reading still holds a thread and a connection
                c.dropped = true;
            }
        }
    }
}
