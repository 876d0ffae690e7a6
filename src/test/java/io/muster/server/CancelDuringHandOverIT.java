package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.JobState;
import io.muster.client.CancelResult;
import io.muster.client.JobInfo;
import io.muster.client.Muster;
import io.muster.scheduler.slurm.SlurmCluster;
import io.muster.testing.PackagedServer;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Slurm job cancelled while its {@code sbatch} runs is answered CANCELLED at once (it has no
 * Slurm id yet). If the server then dies, the {@code sbatch} it started still submits the job:
 * the job must not run its command all the same.
 */
class CancelDuringHandOverIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    /** How long the test's sbatch waits before it submits: the server is killed meanwhile. */
    private static final int SBATCH_DELAY_SECONDS = 8;

    @TempDir
    Path data;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        PackagedServer.stopIfAlive(server);
    }

    @Test
    void aJobCancelledWhileItsSubmitRunsDoesNotRunWhenTheServerDiesBeforeTheSubmitAnswers() throws Exception {
        SlurmCluster.assumeRunning();
        Path bin = slowSbatch();
        int port = TestServer.freePort();
        Path ran = data.resolve("ran");
        server = start(port, bin, "server-1.log");
        String id;
        try (Muster client = Muster.connect("tcp://127.0.0.1:" + port)) {
            // given a Slurm job whose sbatch has begun
            id = client.submit(client.command("echo ran >> " + ran).backend("slurm")).id();
            Path handover = data.resolve("m").resolve("jobs").resolve(id).resolve("handover");
            await().atMost(WAIT).until(() -> Files.exists(handover));

            // when it is cancelled, and the server is killed as soon as it answered
            List<CancelResult> answers = client.cancel(id);
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(answers).extracting(CancelResult::outcome).containsExactly(CancelResult.Outcome.CANCELLED);
        }
        // the sbatch the server started submits the job after its death, and Slurm runs it
        Thread.sleep(TimeUnit.SECONDS.toMillis(SBATCH_DELAY_SECONDS + 15));
        server = start(port, bin, "server-2.log");

        // then the job stays CANCELLED and its command never ran
        try (Muster client = Muster.connect("tcp://127.0.0.1:" + port)) {
            JobInfo info = client.info(id);
            assertThat(info.state()).as("job %s: %s", id, info.reason()).isEqualTo(JobState.CANCELLED);
        }
        assertThat(ran).as("the cancelled job's command ran").doesNotExist();
    }

    /** Slurm's commands, with an sbatch that waits before it submits. */
    private Path slowSbatch() throws Exception {
        Path bin = Files.createDirectories(data.resolve("bin"));
        for (String command : List.of("squeue", "sacct", "scancel", "scontrol", "sinfo")) {
            Path real = which(command);
            if (real != null) {
                Files.createSymbolicLink(bin.resolve(command), real);
            }
        }
        Path sbatch = bin.resolve("sbatch");
        Files.writeString(sbatch, "#!/bin/bash\nsleep " + SBATCH_DELAY_SECONDS + "\nexec '" + which("sbatch")
                + "' \"$@\"\n");
        Files.setPosixFilePermissions(sbatch, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static Path which(String command) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private Process start(int port, Path bin, String log) throws Exception {
        return PackagedServer.start(data.resolve("m"), port, 0, data.resolve(log),
                Map.of("MUSTER_SLURM", "on", "MUSTER_SLURM_BIN_DIR", bin.toString()), WAIT);
    }

}
