package io.muster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.muster.batch.FlowEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveEventsTest {

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * Regression (black-box probe): a browser that stopped reading was dropped from the count at once,
     * while its thread stayed blocked in its write; so more and more such streams were let in, each
     * holding a thread and a connection, past {@link HttpFrontend#MAX_STREAMS}.
     */
    @Test
    void aDroppedStreamCountsAgainstTheLimitUntilItsThreadLetsGo() {
        LiveEvents events = new LiveEvents();
        LiveEvents.Client stuck = events.subscribe();

        for (int i = 0; i <= LiveEvents.BACKLOG; i++) {
            events.onFlowEvent(new FlowEvent(FlowEvent.Kind.STEP, "STARTED", i, i, "f", "a", i, null, null,
                    Instant.now()));
        }

        assertThat(stuck.dropped).isTrue();
        assertThat(events.subscribers()).isEqualTo(1);
        events.unsubscribe(stuck);
        assertThat(events.subscribers()).isZero();
    }

    /**
     * Regression (black-box probe, left open by an earlier stop): a thread blocked in its write to a
     * browser that stopped reading never ended, as the JDK's HTTP server has no write timeout, so 32
     * such clients took every live place for good.
     */
    @Test
    void aWriteBlockedLongerThanTheLimitIsCutAndItsThreadLetsGo() throws Exception {
        // given a stream served by the JDK's HTTP server to a client that reads nothing
        LiveEvents events = new LiveEvents();
        LiveEvents.Client client = events.subscribe();
        CompletableFuture<String> end = serve(client);
        try (Socket browser = follow(4096)) {
            // when more is sent than the socket buffers hold
            String big = "x".repeat(16 * 1024);
            for (int i = 0; i < 1_000; i++) {
                events.onFlowEvent(step(i, big));
            }
            // then the write blocks, is cut once it has been blocked past the limit, and the thread is free
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (events.cutStuckWriters(Duration.ofMillis(300)) == 0) {
                assertThat(System.nanoTime()).as("the write never blocked").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(end.get(10, TimeUnit.SECONDS)).isEqualTo("ended by IOException, not interrupted");
            assertThat(client.dropped).isTrue();
        }
    }

    @Test
    void aStreamWaitingForEventsIsNeverCut() throws Exception {
        // given a stream whose browser reads, and no events
        LiveEvents events = new LiveEvents();
        LiveEvents.Client client = events.subscribe();
        CompletableFuture<String> end = serve(client);
        try (Socket browser = follow(0)) {
            InputStream in = browser.getInputStream();
            String seen = "";
            while (!seen.contains(": connected")) {
                byte[] b = new byte[4096];
                int n = in.read(b);
                assertThat(n).isPositive();
                seen += new String(b, 0, n, StandardCharsets.UTF_8);
            }
            // the browser may read the line before the server's thread is back from its write
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.inWrite()) {
                assertThat(System.nanoTime()).as("the first write never ended").isLessThan(deadline);
                Thread.sleep(10);
            }
            // when the limit is nothing at all, then a stream between writes is still left alone
            assertThat(events.cutStuckWriters(Duration.ZERO)).isZero();
            assertThat(end).isNotDone();
            assertThat(client.dropped).isFalse();
        }
    }

    /** A browser that asks for the event stream, with this receive buffer (0: the system's). */
    private Socket follow(int receiveBuffer) throws IOException {
        Socket browser = new Socket();
        if (receiveBuffer > 0) {
            browser.setReceiveBufferSize(receiveBuffer);
        }
        browser.connect(server.getAddress());
        browser.getOutputStream().write("GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return browser;
    }

    private CompletableFuture<String> serve(LiveEvents.Client client) throws IOException {
        CompletableFuture<String> end = new CompletableFuture<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/events", x -> {
            String how = "ended normally";
            try {
                x.sendResponseHeaders(200, 0);
                HttpFrontend.stream(x.getResponseBody(), client);
            } catch (IOException e) {
                how = "ended by IOException";
            } finally {
                end.complete(how + (Thread.currentThread().isInterrupted() ? ", still interrupted" : ", not interrupted"));
                x.close();
            }
        });
        server.start();
        return end;
    }

    private static FlowEvent step(int i, String flow) {
        return new FlowEvent(FlowEvent.Kind.STEP, "STARTED", i, i, flow, "a", i, null, null, Instant.now());
    }
}
