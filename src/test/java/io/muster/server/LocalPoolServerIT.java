package io.muster.server;

import static io.muster.server.TestServer.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local pool through the whole server: JSON in on muster.submit, events out on muster.events. */
class LocalPoolServerIT {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedServerTakesBackARunningJobWhichThenCompletes() throws Exception {
        try (TestServer muster = new TestServer(dataDir, 2)) {
            muster.submit("{\"requestId\":\"survivor\",\"command\":\"sleep 5; echo survived\",\"backend\":\"local\"}");
            JsonNode running = muster.awaitEvent(event("survivor", "RUNNING"), Duration.ofSeconds(30));
            JobId id = JobId.of(running.path("jobId").asText());
            Instant startedBefore = Instant.parse(running.path("started").asText());

            Path exitCode = io.muster.job.JobFiles.dirFor(muster.server().config().workRoot(), id).resolve("exitcode");
            muster.stop();
            assertThat(Files.exists(exitCode)).as("still running while no server runs").isFalse();
            muster.start();

            JsonNode completed = muster.awaitEvent(event("survivor", "COMPLETED"), Duration.ofSeconds(30));
            assertThat(completed.path("jobId").asText()).isEqualTo(id.value());
            assertThat(completed.path("exitCode").asInt()).isZero();
            assertThat(Files.readString(Path.of(completed.path("stdout").asText()))).isEqualTo("survived\n");
            JobRecord stored = muster.server().store().find(id).orElseThrow();
            assertThat(stored.state()).isEqualTo(JobState.COMPLETED);
            assertThat(Duration.between(startedBefore, stored.started()).abs()).isLessThan(Duration.ofMillis(100));
            assertThat(muster.server().store().history(id)).extracting(c -> c.state())
                    .containsSubsequence(JobState.ACCEPTED, JobState.QUEUED, JobState.RUNNING, JobState.COMPLETED)
                    .containsOnlyOnce(JobState.COMPLETED);
        }
    }

    @Test
    void aRestartedServerSubmitsTheJobsThatWereStillWaitingInThePool() throws Exception {
        try (TestServer muster = new TestServer(dataDir, 1)) {
            muster.submit("{\"requestId\":\"blocker\",\"command\":\"sleep 2\",\"backend\":\"local\"}");
            muster.awaitEvent(event("blocker", "RUNNING"), Duration.ofSeconds(30));
            muster.submit("{\"requestId\":\"waiter\",\"command\":\"echo waited\",\"backend\":\"local\"}");
            muster.awaitEvent(event("waiter", "QUEUED"), Duration.ofSeconds(30));

            muster.stop();
            muster.start();

            // the store, not an event: the waiter may end before this test has subscribed again
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    muster.server().store().findByRequestId("waiter").orElseThrow().state() == JobState.COMPLETED);
            JobRecord waiter = muster.server().store().findByRequestId("waiter").orElseThrow();
            assertThat(Files.readString(waiter.stdoutPath())).isEqualTo("waited\n");
            JobRecord blocker = muster.server().store().findByRequestId("blocker").orElseThrow();
            assertThat(blocker.state()).isEqualTo(JobState.COMPLETED);
            // one core: the waiting job ran after the one that survived the restart
            assertThat(muster.server().store().findByRequestId("waiter").orElseThrow().started())
                    .isAfterOrEqualTo(blocker.ended().minusMillis(50));
        }
    }

    @Test
    void theDependantOfAJobThatFailsInThePoolEndsDependencyFailed() throws Exception {
        try (TestServer muster = new TestServer(dataDir, 2)) {
            muster.submit("{\"requestId\":\"first\",\"command\":\"sleep 1; exit 1\",\"backend\":\"local\"}");
            String firstId = muster.awaitEvent(event("first", "RUNNING"), Duration.ofSeconds(30)).path("jobId").asText();

            muster.submit("{\"requestId\":\"second\",\"command\":\"echo never\",\"backend\":\"local\","
                    + "\"options\":{\"depends\":[\"" + firstId + "\"]}}");

            JsonNode second = muster.awaitEvent(event("second", "DEPENDENCY_FAILED"), Duration.ofSeconds(30));
            assertThat(second.path("reason").asText()).isEqualTo("dependency " + firstId + " ended FAILED");
        }
    }

    /**
     * Regression (black-box probe): a job sent with backend auto whose dependency had already failed
     * ended DEPENDENCY_FAILED on backend "auto", so {@code muster queue -b local} left it out.
     */
    @Test
    void aJobOfBackendAutoWhoseDependencyFailedEarlierEndsOnTheBackendItWasDispatchedTo() throws Exception {
        try (TestServer muster = new TestServer(dataDir, 2)) {
            muster.submit("{\"requestId\":\"failing\",\"command\":\"exit 3\",\"backend\":\"local\"}");
            String failedId = muster.awaitEvent(event("failing", "FAILED"), Duration.ofSeconds(30)).path("jobId").asText();

            muster.submit("{\"requestId\":\"late\",\"command\":\"echo never\",\"backend\":\"auto\","
                    + "\"options\":{\"depends\":[\"" + failedId + "\"]}}");

            muster.awaitEvent(event("late", "DEPENDENCY_FAILED"), Duration.ofSeconds(30));
            assertThat(muster.server().store().findByRequestId("late").orElseThrow().backend()).isEqualTo("local");
        }
    }
}
