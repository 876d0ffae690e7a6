package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.store.JobStore;
import io.muster.store.ServerLeases;
import io.muster.testing.TestDatabase;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request id sent again, to another server than the one that stored its job (a client that
 * gave up waiting for the reply, or the same message sent to two servers at once): the second
 * server answers with the job the first one stored, and leaves its hand-over to its owner. Had it
 * dispatched the job as well, both servers would have handed it over, and it would have run twice.
 */
class RequestIdAcrossServersIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void givenAnotherLiveServersJobNotYetHandedOverWhenItsRequestIdReachesThisServerThenItAnswersWithThatJobAndDoesNotRunIt()
            throws Exception {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open();
             TestServer beta = TestServer.start(dir.resolve("beta"), 2, TestServer.sharing(db, "beta"));
             Muster client = Muster.connect(beta.url())) {
            // the user this server gives a submission of this client's, so the key is the same user's
            JobHandle first = client.submit(JobRequest.command("true"));
            assertThat(first.await(WAIT)).isEqualTo(JobState.COMPLETED);
            String user = beta.server().store().find(JobId.of(first.id())).orElseThrow().user();

            // given a job that server alpha (alive: it holds its lease) stored and has not handed over yet
            String alpha = "alpha/1/busy";
            new ServerLeases(db.database().dataSource(), alpha).register("alpha", Duration.ofMinutes(5));
            JobStore alphasStore = new JobStore(db.database().dataSource(), alpha);
            Path marker = dir.resolve("runs");
            JobId id = JobId.generate();
            JobRecord stored = alphasStore.insertOrGet(JobRecord.accepted(id, "sent-twice", "twice",
                    "echo run >> '" + marker + "'", "local", null, Map.of(),
                    JobFiles.dirFor(beta.workRoot(), id), user));

            // when the same request id reaches beta
            JobHandle again = client.submit(JobRequest.command("echo run >> '" + marker + "'").requestId("sent-twice"));

            // then beta answers with alpha's job, and neither runs it nor takes it from alpha
            assertThat(again.id()).isEqualTo(stored.id().value());
            Thread.sleep(5_000); // several of beta's check and dispatch intervals
            JobRecord now = alphasStore.find(id).orElseThrow();
            assertThat(now.state()).as("alpha's job, as beta left it").isEqualTo(JobState.ACCEPTED);
            assertThat(now.schedulerId()).isNull();
            assertThat(alphasStore.owner(id)).contains(alpha);
            assertThat(Files.exists(marker)).as("a run of alpha's job by beta").isFalse();
            alphasStore.close();
        }
    }
}
