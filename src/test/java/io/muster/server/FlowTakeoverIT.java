package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.client.FlowControl;
import io.muster.client.Muster;
import io.muster.config.ExternalBrokerSettings;
import io.muster.testing.ExternalBrokers;
import io.muster.testing.FlowXml;
import io.muster.testing.PackagedServer;
import io.muster.testing.TestDatabase;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a flow whose server is killed (SIGKILL) mid-run goes on on another server sharing the
 * database, once the killed server's lease ran out (both on one host here, so the step's local
 * job is taken back by its pid, not lost), and each step's command runs once.
 */
class FlowTakeoverIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;


    @Test
    void givenAFlowMidRunWhenItsServerIsKilledThenAnotherServerResumesItAndNoStepRunsTwice() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path xml = FlowXml.flow("handed-on")
                .step("a", "echo run >> a.runs; sleep 4; echo a > a.tmp && mv a.tmp a.txt").property("backend", "local")
                .step("b", "echo run >> b.runs; { cat a.txt; echo b; } > b.tmp && mv b.tmp b.txt").property("backend", "local")
                .writeTo(dir.resolve("handed-on.xml"));
        ExternalBrokerSettings broker = ExternalBrokers.standalone();
        Process first = null;
        try (TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open()) {
            // given a packaged server alone on the broker and the database, running a flow's first step
            first = PackagedServer.onBroker(dir.resolve("first"), dir.resolve("first.log"), Map.of(
                    "MUSTER_BROKER_URL", broker.url(), "MUSTER_BROKER_USER", broker.user(),
                    "MUSTER_BROKER_PASSWORD", broker.password(), "MUSTER_DATABASE_URL", db.url(),
                    "MUSTER_DATABASE_USER", TestDatabase.user(), "MUSTER_DATABASE_PASSWORD", TestDatabase.password(),
                    "MUSTER_SERVER_LEASE_TIME", "5s", "MUSTER_LOCAL_HOST", "one"), WAIT);
            long execution;
            try (Muster client = Muster.connect(broker.url()); FlowControl flows = client.flows()) {
                execution = flows.start(xml.toString(), Map.of("workDir", work.toString())).path("executionId").asLong();
            }
            await().atMost(WAIT).until(() -> Files.exists(work.resolve("a.runs")));

            // when it is killed, and a second server on the same host shares the database
            first.destroyForcibly().waitFor();
            try (TestServer second = TestServer.onBroker(dir.resolve("second"), 2, broker, TestServer.sharing(db, "one"));
                 Muster client = Muster.connect(second.url()); FlowControl flows = client.flows()) {

                // then the second resumes the flow once the first's lease ran out: every step's work, each run once
                await().atMost(WAIT).until(() -> Files.exists(work.resolve("b.txt")));
                assertThat(Files.readString(work.resolve("b.txt"))).isEqualTo("a\nb\n");
                assertThat(Files.readAllLines(work.resolve("a.runs"))).hasSize(1);
                assertThat(Files.readAllLines(work.resolve("b.runs"))).hasSize(1);
                JsonNode status = flows.status(execution);
                assertThat(status.path("executions").size()).as("the killed execution and the one that went on: %s",
                        status).isEqualTo(2);
            }
        } finally {
            if (first != null) {
                first.destroyForcibly();
            }
        }
    }
}
