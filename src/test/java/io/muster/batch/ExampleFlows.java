package io.muster.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.JobId;
import io.muster.config.MusterConfig;
import io.muster.server.MusterServer;
import io.muster.testing.FlowEventProbe;
import io.muster.testing.MusterArchive;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped example flows end to end in an embedded Weld container, on the backend a subclass
 * names: JBeret runs them on the flow pool, each step a Muster job of that backend. Subclasses
 * say which backend ({@link #backend()}) and how the server is configured for it
 * ({@link #config(Path)}), and may add tests of their own.
 */
@ExtendWith(ArquillianExtension.class)
abstract class ExampleFlows {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static JavaArchive deployment() {
        return MusterArchive.create();
    }

    @Inject
    MusterServer server;

    @Inject
    Flows flows;

    @Inject
    JobLauncher launcher;

    /** The backend every step's job runs on. */
    protected abstract String backend();

    /**
     * The server's configuration: by default in-VM only, the local pool, and the smallest batch
     * pool Muster allows (4 threads), so that a flow needing more threads for its waiting steps
     * shows up as a hang. Two cores and memory for two jobs of the default 4000 MB, so that two
     * partitions run at once.
     */
    protected MusterConfig config(Path data) {
        return new MusterConfig(data, "127.0.0.1", 0, 2, 8192, 4).withFlowsDir(data.resolve("my-flows"));
    }

    /**
     * Skips or fails the test (see {@code RealService}) if the backend cannot be used here; called
     * first by every test. A hook rather than a {@code @BeforeEach}: Arquillian runs lifecycle
     * methods itself and drops their assumptions.
     */
    protected void requireBackend() {
    }

    MusterServer server() throws Exception {
        requireBackend();
        if (!server.running()) {
            Path data = Files.createTempDirectory("muster-flows-it");
            server.start(config(data));
        }
        return server;
    }

    Map<String, String> params(String... kv) {
        Map<String, String> p = new HashMap<>();
        p.put("backend", backend());
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    FlowStatus runToEnd(long execution) throws Exception {
        FlowEvent end;
        try {
            end = flows.whenEnded(execution).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("flow execution " + execution + " did not end within " + WAIT + ": "
                    + flows.status(execution) + "; jobs not ended: " + server.store().findUnfinished(), e);
        }
        assertThat(end.executionId()).isEqualTo(execution);
        // JBeret announces the end just before it stores the final status
        for (int i = 0; i < 100 && !flows.status(execution).finished(); i++) {
            Thread.sleep(20);
        }
        return flows.status(execution);
    }

    static Path workDir(FlowStatus status) {
        return Path.of(status.parameters().get(Flows.WORK_DIR));
    }

    @Test
    void chainRunsAThenBAndCThenDEachAsAJob() throws Exception {
        server();
        FlowStatus status;
        List<JsonNode> events;
        try (FlowEventProbe probe = new FlowEventProbe(server.broker().connectionFactory())) {
            long id = flows.start("examples/chain", params());
            status = runToEnd(id);
            events = probe.awaitFlowEnd(id, WAIT);
        }

        assertThat(status.batchStatus()).isEqualTo("COMPLETED");
        assertThat(status.steps()).extracting(FlowStatus.Step::step).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(status.steps()).allSatisfy(s -> {
            assertThat(s.exitStatus()).isEqualTo("COMPLETED");
            assertThat(launcher.whenEnded(JobId.of(s.jobId())).get().backend()).isEqualTo(backend());
        });
        assertThat(Files.readString(workDir(status).resolve("d.txt"))).isEqualTo("a\nb\na\nc\n");
        List<String> order = events.stream().map(FlowEventProbe::label).toList();
        assertThat(order.get(0)).isEqualTo("flow.started");
        assertThat(order.get(order.size() - 1)).isEqualTo("flow.completed");
        assertThat(order).containsSubsequence("a.completed", "b.started", "b.completed", "d.started")
                .containsSubsequence("a.completed", "c.started", "c.completed", "d.started");
        assertThat(events).allSatisfy(e -> assertThat(e.path("subject").asText()).isEqualTo(
                String.valueOf(status.executionId())));
    }

    @Test
    void splitCountOfFourChunksEqualsTheCountOfTheWholeFile() throws Exception {
        server();
        Path input = Files.createTempFile("words", ".txt");
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        long words = 0;
        for (int line = 0; line < 10_000; line++) {
            int n = random.nextInt(12);
            for (int w = 0; w < n; w++) {
                text.append(w == 0 ? "" : " ").append(Long.toString(random.nextLong() & 0xffffff, 36));
            }
            words += n;
            text.append('\n');
        }
        Files.writeString(input, text, StandardCharsets.UTF_8);
        long id = flows.start("examples/split-count", params("input", input.toString(), "chunks", "4"));

        FlowStatus status = runToEnd(id);

        assertThat(status.batchStatus()).as("flow %s", status).isEqualTo("COMPLETED");
        Path dir = workDir(status).resolve("count");
        List<String> lineCounts = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            lineCounts.add(String.valueOf(Files.readAllLines(dir.resolve("part-" + i + ".in")).size()));
        }
        assertThat(lineCounts).containsExactly("2500", "2500", "2500", "2500");
        assertThat(Files.readString(dir.resolve("word-count.txt")).trim()).isEqualTo(String.valueOf(words));
        assertThat(wholeFileWordCount(input)).isEqualTo(words);
    }

    private static long wholeFileWordCount(Path input) throws Exception {
        Process wc = new ProcessBuilder("sh", "-c", "wc -w < '" + input + "'").start();
        String out = new String(wc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(wc.waitFor()).isZero();
        return Long.parseLong(out);
    }
}
