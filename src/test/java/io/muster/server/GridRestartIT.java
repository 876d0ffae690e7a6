package io.muster.server;

import static io.muster.server.TestServer.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.scheduler.sge.SgeCell;
import io.muster.scheduler.slurm.SlurmCluster;
import io.muster.scheduler.torque.PbsCommands;
import io.muster.testing.RealService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster job that ends while no server runs: the store holds all a new server needs to follow
 * it (scheduler id, job directory, time limit), so the exit code comes from the job's exit-code
 * file, whatever the scheduler still remembers, and the job is never submitted again.
 */
class GridRestartIT {

    private static final Duration END = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;

    private static UnaryOperator<MusterConfig> on(GridSettings settings) {
        GridSettings grid = settings.withMode(GridSettings.Mode.ON).withPollInterval(Duration.ofMillis(250));
        return c -> c.withGrid(grid);
    }

    @Test
    void aSlurmJobThatEndedWhileTheServerWasDownEndsWithTheExitCodeOfItsFile() throws Exception {
        SlurmCluster.assumeRunning();
        endsWhileTheServerIsDown("slurm", GridSettings.defaults("slurm"));
    }

    @Test
    void aTorqueJobThatEndedWhileTheServerWasDownEndsWithTheExitCodeOfItsFile() throws Exception {
        RealService.require(PbsCommands.whyUnavailable());
        endsWhileTheServerIsDown("torque", PbsCommands.settings());
    }

    @Test
    void aGridEngineJobThatEndedWhileTheServerWasDownEndsWithTheExitCodeOfItsFile() throws Exception {
        SgeCell.assumeRunning();
        endsWhileTheServerIsDown("sge", SgeCell.settings());
    }

    private void endsWhileTheServerIsDown(String backend, GridSettings settings) throws Exception {
        try (TestServer muster = new TestServer(dataDir, 1, on(settings))) {
            String marker = dataDir.resolve("ran").toString();
            // given a job handed to the scheduler
            muster.submit("{\"requestId\":\"away\",\"backend\":\"" + backend + "\",\"command\":\"echo once >> "
                    + marker + "; sleep 3; echo bye; exit 6\"}");
            JsonNode queued = muster.awaitEvent(event("away", "QUEUED"), END);
            JobId id = JobId.of(queued.path("jobId").asText());
            String schedulerId = queued.path("schedulerId").asText();
            assertThat(schedulerId).isNotBlank();

            // when the server stops and the job ends meanwhile
            Path exitCode = JobFiles.dirFor(muster.server().config().workRoot(), id).resolve("exitcode");
            muster.stop();
            await().atMost(END).until(() -> Files.exists(exitCode));
            muster.start();

            // then the new server follows it to its end, from the file (the store, not an event: the end may
            // be recorded before this test has subscribed again)
            await().atMost(END).until(() -> muster.server().store().find(id).orElseThrow().state().isFinal());
            JobRecord failed = muster.server().store().find(id).orElseThrow();
            assertThat(failed.state()).isEqualTo(JobState.FAILED);
            assertThat(failed.exitCode()).isEqualTo(6);
            assertThat(failed.schedulerId()).isEqualTo(schedulerId);
            assertThat(Files.readString(failed.stdoutPath())).isEqualTo("bye\n");
            assertThat(Files.readAllLines(Path.of(marker))).as("run once, never submitted again").hasSize(1);
            assertThat(muster.server().store().history(id)).extracting(c -> c.state())
                    .containsOnlyOnce(JobState.FAILED);
        }
    }
}
