package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import io.muster.client.SubmissionRejectedException;
import io.muster.config.MusterConfig;
import io.muster.config.ScaleOut;
import io.muster.messaging.SubmissionListener;
import io.muster.store.JobStore;
import io.muster.testing.ExternalBrokers;
import io.muster.testing.TestDatabase;
import io.muster.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
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

    private static UnaryOperator<MusterConfig> on(String host, TestDatabase.Fresh db) {
        return c -> c.withDatabase(db.url(), TestDatabase.user(), TestDatabase.password())
                .withScaleOut(new ScaleOut(TestDatabase.user(), TestDatabase.password(), Duration.ofSeconds(5), host));
    }

    @Test
    void givenServersOnAlphaAndBetaWhenJobsAskForAHostsPoolThenEachRunsThereWhicheverServerTookIt() throws Exception {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open();
             TestServer alpha = TestServer.onBroker(dir.resolve("alpha"), 2, ExternalBrokers.standalone(), on("alpha", db));
             TestServer beta = TestServer.onBroker(dir.resolve("beta"), 2, ExternalBrokers.standalone(), on("beta", db));
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
}
