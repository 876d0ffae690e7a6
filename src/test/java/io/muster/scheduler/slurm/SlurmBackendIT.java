package io.muster.scheduler.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.config.GridSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Muster's Slurm backend against a real slurmctld/slurmd with accounting, through a whole server:
 * what reaches the events (backend, Slurm's job id and times), the options as scontrol shows
 * them, and Slurm's own error messages. What every backend must do on its own is checked by
 * {@link SlurmContractIT}.
 */
class SlurmBackendIT {

    private static final Duration POLL = Duration.ofMillis(250);
    /** A trivial job waits for a free core on a small shared test node; generous, still bounded. */
    private static final Duration END = Duration.ofSeconds(90);

    @TempDir
    static Path data;

    static MusterUnderTest muster;

    @BeforeAll
    static void start() throws Exception {
        SlurmCluster.assumeRunning();
        muster = MusterUnderTest.start(data, GridSettings.defaults("slurm").withMode(GridSettings.Mode.ON)
                .withPollInterval(POLL));
    }

    @AfterAll
    static void stop() throws Exception {
        if (muster != null) {
            muster.close();
        }
    }

    @Test
    void echoCompletesWithExitZeroAndItsOutput() throws Exception {
        String request = muster.submit("slurm", "echo hi", Map.of());

        JsonNode end = muster.awaitEnd(request, END);

        assertThat(end.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(end.path("exitCode").asInt(-1)).isZero();
        assertThat(end.path("backend").asText()).isEqualTo("slurm");
        assertThat(end.path("schedulerId").asText()).matches("\\d+");
        assertThat(Files.readString(Path.of(end.path("stdout").asText()))).isEqualTo("hi\n");
    }

    /** Regression: Slurm's --output=outfile got the wrapper's output, which is empty; the job's went elsewhere. */
    @Test
    void outfileAndErrfileGetTheJobsOutput() throws Exception {
        // given a job writing to both streams, its outfile in its directory and its errfile named by %j
        String request = muster.submit("slurm", "echo to-out; echo to-err >&2",
                Map.of("outfile", "myout.txt", "errfile", "logs/%j.err"));

        // when it ends
        JsonNode end = muster.awaitEnd(request, END);

        // then the user's files hold what the job wrote, and muster get's files still do
        Path dir = Path.of(end.path("stdout").asText()).getParent();
        assertThat(end.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(Files.readString(dir.resolve("myout.txt"))).isEqualTo("to-out\n");
        assertThat(Files.readString(dir.resolve("logs/" + end.path("jobId").asText() + ".err"))).isEqualTo("to-err\n");
        assertThat(Files.readString(Path.of(end.path("stdout").asText()))).isEqualTo("to-out\n");
    }

    /** Regression: kill -9 $$ ended FAILED with reason JobLaunchFailure; the job launched, a signal killed it. */
    @Test
    void aJobKilledByASignalFailsWith128PlusTheSignal() throws Exception {
        // given a job whose command kills its own wrapper with SIGKILL
        String request = muster.submit("slurm", "kill -9 $$", Map.of());

        // when it ends
        JsonNode end = muster.awaitEnd(request, END);

        // then it failed with 137, as bash reports a death by signal 9, and says so
        assertThat(end.path("state").asText()).isEqualTo("FAILED");
        assertThat(end.path("exitCode").asInt(-1)).isEqualTo(137);
        assertThat(end.path("reason").asText()).isEqualTo("killed by signal 9");
    }

    @Test
    void coresMemoryAndTimeReachSlurm() throws Exception {
        String request = muster.submit("slurm", "sleep 30",
                Map.of("cores", 2, "mem", "512MB", "time", "00:05:00"));
        String id = muster.awaitSchedulerId(request, END);

        Map<String, String> job = ScontrolJob.parse(SlurmCluster.run("scontrol", "show", "job", id).stdout());
        muster.backend("slurm").cancel(List.of(id));

        assertThat(job).contains(entry("CPUs/Task", "2"), entry("TimeLimit", "00:05:00"));
        assertThat(job.get("TRES")).contains("mem=512M");
        assertThat(muster.awaitEnd(request, END).path("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aDependantStartsAfterItsDependencyEnded() throws Exception {
        String a = muster.submit("slurm", "sleep 2; echo a", Map.of());
        String aId = muster.awaitState(a, "ACCEPTED", END).path("jobId").asText();
        String b = muster.submit("slurm", "echo b", Map.of("depends", List.of(aId)));

        JsonNode aEnd = muster.awaitEnd(a, END);
        JsonNode bEnd = muster.awaitEnd(b, END);

        assertThat(aEnd.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(bEnd.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(Instant.parse(bEnd.path("started").asText()))
                .isAfterOrEqualTo(Instant.parse(aEnd.path("ended").asText()));
    }

    @Test
    void aDependantOfAFailedJobEndsDependencyFailed() throws Exception {
        String a = muster.submit("slurm", "sleep 2; exit 1", Map.of());
        String aId = muster.awaitState(a, "ACCEPTED", END).path("jobId").asText();
        String b = muster.submit("slurm", "echo never", Map.of("depends", List.of(aId)));

        JsonNode bEnd = muster.awaitEnd(b, END);

        assertThat(muster.awaitEnd(a, END).path("state").asText()).isEqualTo("FAILED");
        assertThat(bEnd.path("state").asText()).isEqualTo("DEPENDENCY_FAILED");
        assertThat(bEnd.path("exitCode").isNull()).isTrue();
    }

    @Test
    void aCancelledJobEndsCancelledWithinSeconds() throws Exception {
        String request = muster.submit("slurm", "sleep 60", Map.of());
        String id = muster.awaitState(request, "RUNNING", END).path("schedulerId").asText();

        long start = System.nanoTime();
        muster.backend("slurm").cancel(List.of(id));
        JsonNode end = muster.awaitEnd(request, Duration.ofSeconds(15));

        assertThat(end.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownPartitionFailsWithSlurmsMessageAndTheServerGoesOn() throws Exception {
        String bad = muster.submit("slurm", "echo never", Map.of("partition", "nosuch"));

        JsonNode end = muster.awaitEnd(bad, END);

        assertThat(end.path("state").asText()).isEqualTo("FAILED");
        assertThat(end.path("reason").asText()).contains("Invalid partition name specified");
        String next = muster.submit("slurm", "echo still here", Map.of());
        assertThat(muster.awaitEnd(next, END).path("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void moreCoresThanTheNodeHasFailsWithSlurmsMessage() throws Exception {
        String request = muster.submit("slurm", "echo never", Map.of("cores", 512));

        JsonNode end = muster.awaitEnd(request, END);

        assertThat(end.path("state").asText()).isEqualTo("FAILED");
        assertThat(end.path("reason").asText()).contains("More processors requested than permitted");
    }
}
