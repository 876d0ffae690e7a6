package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.config.GridSettings;
import io.muster.scheduler.sge.SgeCell;
import io.muster.scheduler.slurm.SlurmCluster;
import io.muster.scheduler.torque.PbsCommands;
import io.muster.testing.RealService;
import io.muster.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A dependency given as a cluster's own job id (fyrd let one pass to the scheduler): one the
 * cluster does not know is no dependency met. Slurm takes an afterok on an id it does not know as
 * satisfied and Grid Engine's -hold_jid ignores it, so without a check the dependant ran at once.
 */
class ForeignDependencyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);

    @TempDir
    static Path data;

    private static TestServer server;
    private static String noSlurm;
    private static String noTorque;
    private static String noSge;

    @BeforeAll
    static void startServerWithTheClusterBackends() throws Exception {
        noSlurm = SlurmCluster.whyUnavailable();
        noTorque = PbsCommands.whyUnavailable();
        try {
            SgeCell.assumeRunning();
        } catch (org.opentest4j.TestAbortedException | AssertionError e) {
            noSge = "no Grid Engine cell: " + e.getMessage();
        }
        server = TestServer.start(data.resolve("server"), 2, c -> c
                .withSlurm(GridSettings.defaults("slurm").withMode(noSlurm == null ? GridSettings.Mode.ON : GridSettings.Mode.OFF)
                        .withPollInterval(POLL))
                .withTorque(PbsCommands.settings().withMode(noTorque == null ? GridSettings.Mode.ON : GridSettings.Mode.OFF)
                        .withPollInterval(POLL))
                .withGrid(SgeCell.settings().withMode(noSge == null ? GridSettings.Mode.ON : GridSettings.Mode.OFF)
                        .withPollInterval(POLL)));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static void given(String backend) {
        switch (backend) {
            case "slurm" -> RealService.require(noSlurm);
            case "torque" -> RealService.require(noTorque);
            case "sge" -> RealService.require(noSge);
            default -> { }
        }
    }

    private static Cli muster(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = args[0];
        all[1] = "--url=" + server.url();
        System.arraycopy(args, 1, all, 2, args.length - 1);
        return Cli.run(all);
    }

    private static JsonNode ended(String id) throws Exception {
        Cli r = muster("get", "--json", "--timeout", "120", id);
        return JSON.readTree(r.out()).get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"slurm", "torque", "sge"})
    void aDependencyOnAClusterIdTheClusterDoesNotKnowNeverRunsTheDependant(String backend) throws Exception {
        given(backend);
        Cli submitted = muster("submit", "-b", backend, "-m", "100MB", "-d", "987654321", "--", "echo", "ran");
        assertThat(submitted.exit()).as(submitted.err()).isZero();

        JsonNode end = ended(submitted.out().strip());

        assertThat(end.path("state").asText()).as(end.toString()).isEqualTo("DEPENDENCY_FAILED");
        assertThat(end.path("reason").asText()).contains("987654321").contains(backend);
        assertThat(end.path("stdout").asText()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"slurm", "torque", "sge"})
    void anAfteranyOnAClusterIdTheClusterDoesNotKnowNeverRunsTheDependant(String backend) throws Exception {
        given(backend);
        Cli submitted = muster("submit", "-b", backend, "-m", "100MB", "-o", "depends=afterany:987654322", "--",
                "echo", "ran");
        assertThat(submitted.exit()).as(submitted.err()).isZero();

        JsonNode end = ended(submitted.out().strip());

        assertThat(end.path("state").asText()).as(end.toString()).isEqualTo("DEPENDENCY_FAILED");
        assertThat(end.path("reason").asText()).contains("987654322");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"slurm", "torque", "sge"})
    void aDependencyOnAClusterIdOfAJobThatCompletedRunsTheDependant(String backend) throws Exception {
        given(backend);
        Cli first = muster("submit", "-b", backend, "-m", "100MB", "--", "true");
        JsonNode firstEnd = ended(first.out().strip());
        assertThat(firstEnd.path("state").asText()).isEqualTo("COMPLETED");
        JsonNode queued = JSON.readTree(muster("queue", "--json", first.out().strip()).out());
        String clusterId = (queued.isArray() ? queued.get(0) : queued).path("schedulerId").asText();
        assertThat(clusterId).isNotEmpty();

        Cli submitted = muster("submit", "-b", backend, "-m", "100MB", "-o", "depends=afterany:" + clusterId, "--",
                "echo", "ran");
        JsonNode end = ended(submitted.out().strip());

        assertThat(end.path("state").asText()).as(end.toString()).isEqualTo("COMPLETED");
        assertThat(end.path("stdout").asText()).isEqualTo("ran\n");
    }
}
