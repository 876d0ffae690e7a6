package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.JobState;
import io.muster.client.CancelResult;
import io.muster.client.JobHandle;
import io.muster.client.JobInfo;
import io.muster.client.Muster;
import io.muster.client.Subscription;
import io.muster.testing.PackagedServer;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancel the server answered CANCELLING is carried out even when the server is killed with
 * SIGKILL right after the answer: after the restart no cancelled job starts, and each job ends
 * once, CANCELLED, in the store and in the events alike.
 */
class CancelAcrossACrashIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    /** How long each job's command runs; the test waits past it to see that none finished. */
    private static final int JOB_SECONDS = 8;

    @TempDir
    Path data;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        PackagedServer.stopIfAlive(server);
    }

    @Test
    void cancelledJobsStayCancelledAndNoneRunsWhenTheServerIsKilledRightAfterTheCancel() throws Exception {
        // given two jobs running on the two cores and four queued behind them, each noting its start and its end
        int port = TestServer.freePort();
        server = startServer(port);
        Path started = data.resolve("started.log");
        Path finished = data.resolve("finished.log");
        Map<String, List<JobState>> finalEvents = new ConcurrentHashMap<>();
        List<String> ids = new ArrayList<>();
        try (Muster client = Muster.connect(url(port));
             Subscription ignored = client.events(null, e -> recordFinal(finalEvents, e.jobId(), e.state()))) {
            for (int i = 1; i <= 6; i++) {
                JobHandle job = client.submit(client.command("echo " + i + " >> " + started + "; sleep " + JOB_SECONDS
                        + "; echo " + i + " >> " + finished));
                ids.add(job.id());
            }
            await().atMost(WAIT).until(() -> ids.stream().filter(id -> client.info(id).state() == JobState.RUNNING)
                    .count() == 2 && Files.exists(started) && Files.readAllLines(started).size() == 2);

            // when all six are cancelled, and the server is killed as soon as it answered
            List<CancelResult> answers = client.cancel(ids);
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(answers).extracting(CancelResult::outcome).doesNotContain(CancelResult.Outcome.FAILED,
                    CancelResult.Outcome.NOT_FOUND, CancelResult.Outcome.ALREADY_ENDED);
        }
        server = startServer(port);

        // then every job ends CANCELLED once, and none started again or ran to its end
        try (Muster client = Muster.connect(url(port));
             Subscription ignored = client.events(null, e -> recordFinal(finalEvents, e.jobId(), e.state()))) {
            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> client.info(id).state().isFinal()));
            Thread.sleep(TimeUnit.SECONDS.toMillis(JOB_SECONDS + 2)); // past the end of any command left running
            for (String id : ids) {
                JobInfo info = client.info(id);
                assertThat(info.state()).as("job %s: %s", id, info.reason()).isEqualTo(JobState.CANCELLED);
                assertThat(info.history()).as("the history of job %s", id)
                        .filteredOn(change -> change.state().isFinal()).extracting(JobInfo.Change::state)
                        .containsExactly(JobState.CANCELLED);
            }
        }
        assertThat(Files.readAllLines(started)).as("jobs that started").hasSize(2);
        assertThat(finished).as("no cancelled job ran to its end").doesNotExist();
        finalEvents.forEach((id, states) -> assertThat(Set.copyOf(states)).as("the final events of job %s", id)
                .containsExactly(JobState.CANCELLED));
    }

    private static void recordFinal(Map<String, List<JobState>> finalEvents, String id, JobState state) {
        if (id != null && state != null && state.isFinal()) {
            finalEvents.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(state);
        }
    }

    private Process startServer(int port) throws Exception {
        return PackagedServer.start(data.resolve("m"), port, 0, data.resolve("server.log"), Map.of(), WAIT);
    }

    private static String url(int port) {
        return "tcp://127.0.0.1:" + port;
    }

}
