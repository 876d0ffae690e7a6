package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import io.muster.client.SubmissionRejectedException;
import io.muster.messaging.SubmissionListener;
import io.muster.store.JobStore;
import io.muster.testing.ExternalBrokers;
import io.muster.testing.TestDatabase;
import io.muster.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: two servers on the external broker and one PostgreSQL database, on hosts named alpha
 * and beta ({@code local.host}). A submission for {@code local@beta} runs in beta's pool whichever
 * server took it from the queue (the first half only alpha reads), and one for {@code local@alpha}
 * in alpha's; one for a host where no server runs is rejected, naming the hosts that do.
 */
class HostPoolsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int EACH = 12;

    @TempDir
    Path dir;


    /** A server on the host it names {@code host}, on the standalone broker and {@code db}. */
    private TestServer server(String host, TestDatabase.Fresh db) throws Exception {
        return TestServer.onBroker(dir.resolve(host), 2, ExternalBrokers.standalone(), TestServer.sharing(db, host));
    }

    @Test
    void givenServersOnAlphaAndBetaWhenJobsAskForAHostsPoolThenEachRunsThereWhicheverServerTookIt() throws Exception {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open();
             TestServer alpha = server("alpha", db);
             TestServer beta = server("beta", db);
             Muster client = Muster.connect(alpha.url())) {
            // when jobs for either pool arrive on the queue while only alpha reads it, then more while both do
            beta.bean(SubmissionListener.class).stop();
            List<JobHandle> forBeta = new ArrayList<>();
            List<JobHandle> forAlpha = new ArrayList<>();
            for (int i = 0; i < EACH; i++) {
                if (i == EACH / 2) {
                    beta.bean(SubmissionListener.class).start();
                }
                forBeta.add(client.submit(JobRequest.command("echo", "b" + i).backend("local@beta")));
                forAlpha.add(client.submit(JobRequest.command("echo", "a" + i).backend("local@alpha")));
            }

            // then each completes, with its output, in its host's pool
            JobStore store = alpha.server().store();
            for (JobHandle job : forBeta) {
                assertThat(job.await(WAIT)).as("job %s for beta", job.id()).isEqualTo(JobState.COMPLETED);
                assertThat(job.stdout()).isEqualTo("b" + forBeta.indexOf(job) + "\n");
                assertThat(store.owner(io.muster.api.JobId.of(job.id()))).get().asString().startsWith("beta/");
                assertThat(client.info(job.id()).nodes()).isEqualTo("beta");
            }
            for (JobHandle job : forAlpha) {
                assertThat(job.await(WAIT)).as("job %s for alpha", job.id()).isEqualTo(JobState.COMPLETED);
                assertThat(store.owner(io.muster.api.JobId.of(job.id()))).get().asString().startsWith("alpha/");
                assertThat(client.info(job.id()).nodes()).isEqualTo("alpha");
            }

            // and a host with no server is refused at once, naming those that run
            assertThatThrownBy(() -> client.submit(JobRequest.command("true").backend("local@gamma")))
                    .isInstanceOf(SubmissionRejectedException.class)
                    .hasMessageContaining("no Muster server runs on host gamma (servers run on: alpha, beta)");
        }
    }

    @Test
    void givenAServerGoneWithLocalJobsRunningThenAnotherHostsServerStartsOverThoseThatMayRequeueAndTheRestEndLost()
            throws Exception {
        Path marker = dir.resolve("first-run");
        List<Long> leftRunning = new ArrayList<>();
        try (TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open();
             TestServer beta = server("beta", db);
             Muster client = Muster.connect(beta.url())) {
            TestServer alpha = server("alpha", db);
            JobHandle mayRequeue;
            JobHandle mayNot;
            try {
                // given two jobs running in alpha's pool, one that may run again: its first run waits, a second ends
                mayRequeue = client.submit(JobRequest.command("test -e '" + marker + "' || { touch '" + marker
                        + "'; sleep 600; }; echo again").backend("local@alpha").option("requeue", true));
                mayNot = client.submit(JobRequest.command("sleep", "600").backend("local@alpha"));
                for (JobHandle job : List.of(mayRequeue, mayNot)) {
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> job.state() == JobState.RUNNING);
                }
            } finally {
                // when alpha's server goes (its jobs' processes keep running on its host, as after a crash)
                alpha.close();
            }

            // then beta takes them over: the one that may requeue starts over in beta's pool, the other is LOST
            assertThat(mayRequeue.await(WAIT)).isEqualTo(JobState.COMPLETED);
            assertThat(mayRequeue.stdout()).isEqualTo("again\n");
            assertThat(client.info(mayRequeue.id()).nodes()).isEqualTo("beta");
            assertThat(mayNot.await(WAIT)).isEqualTo(JobState.LOST);
            assertThat(client.info(mayNot.id()).reason()).contains("ran in the local pool of host alpha, whose server died");
            for (JobHandle job : List.of(mayRequeue, mayNot)) {
                leftRunning.addAll(pids(Path.of(client.info(job.id()).stdout()).getParent()));
            }
        } finally {
            // the first runs still sleep on "alpha": end them
            leftRunning.forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(ProcessHandle::destroy)));
            leftRunning.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        }
    }

    @Test
    void givenJobsQueuedInAlphasFullPoolWhenItsServerGoesThenBetaRunsThoseThatNeverStartedOnceAndOnlyTheRunningEndLost()
            throws Exception {
        List<Long> leftRunning = new ArrayList<>();
        try (TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open();
             TestServer beta = server("beta", db);
             Muster client = Muster.connect(beta.url())) {
            TestServer alpha = server("alpha", db);
            List<JobHandle> running = new ArrayList<>();
            List<JobHandle> waiting = new ArrayList<>();
            try {
                // given alpha's two cores busy and three jobs queued behind them, never started
                for (int i = 0; i < 2; i++) {
                    running.add(client.submit(JobRequest.command("sleep", "600").backend("local@alpha")));
                }
                for (JobHandle job : running) {
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> job.state() == JobState.RUNNING);
                }
                for (int i = 0; i < 3; i++) {
                    Path marker = dir.resolve("queued-" + i);
                    waiting.add(client.submit(JobRequest.command("echo run >> '" + marker + "'; echo q" + i + "; exit " + i)
                            .backend("local@alpha")));
                }
                for (JobHandle job : waiting) {
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> job.state() == JobState.QUEUED);
                }
            } finally {
                // when alpha's server goes
                alpha.close();
            }

            // then beta runs each queued job once, in its own pool, with its own exit code and output
            for (int i = 0; i < waiting.size(); i++) {
                JobHandle job = waiting.get(i);
                assertThat(job.await(WAIT)).as("queued job %d", i).isEqualTo(i == 0 ? JobState.COMPLETED : JobState.FAILED);
                assertThat(client.info(job.id()).exitCode()).isEqualTo(i);
                assertThat(job.stdout()).isEqualTo("q" + i + "\n");
                assertThat(client.info(job.id()).nodes()).isEqualTo("beta");
                assertThat(java.nio.file.Files.readAllLines(dir.resolve("queued-" + i))).as("runs of queued job %d", i)
                        .hasSize(1);
            }
            // and only the two that were running there end LOST
            for (JobHandle job : running) {
                assertThat(job.await(WAIT)).isEqualTo(JobState.LOST);
                leftRunning.addAll(pids(Path.of(client.info(job.id()).stdout()).getParent()));
            }
        } finally {
            leftRunning.forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(ProcessHandle::destroy)));
            leftRunning.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        }
    }

    @Test
    void givenAJobInBetasPoolWhenAlphaIsAskedToCancelItThenBetaCancelsIt() throws Exception {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open();
             TestServer alpha = server("alpha", db);
             TestServer beta = server("beta", db);
             Muster client = Muster.connect(alpha.url())) {
            // given a job running in beta's pool, and only alpha answering control requests
            JobHandle job = client.submit(JobRequest.command("sleep", "600").backend("local@beta"));
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> job.state() == JobState.RUNNING);
            beta.bean(io.muster.messaging.ControlListener.class).stop();

            // when the client cancels it
            io.muster.client.CancelResult asked = job.cancel();

            // then alpha says beta is asked, and beta ends it within a check interval
            assertThat(asked.message()).contains("runs in the local pool of server beta/");
            assertThat(job.await(WAIT)).isEqualTo(JobState.CANCELLED);
            assertThat(client.info(job.id()).nodes()).isEqualTo("beta");
        }
    }

    /** The pids in a job directory's pid files: its run's and, set aside, an earlier host's. */
    private static List<Long> pids(Path jobDir) throws java.io.IOException {
        List<Long> out = new ArrayList<>();
        try (var files = java.nio.file.Files.list(jobDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("pid")).toList()) {
                String text = java.nio.file.Files.readString(file).strip();
                if (text.matches("\\d+")) {
                    out.add(Long.parseLong(text));
                }
            }
        }
        return out;
    }
}
