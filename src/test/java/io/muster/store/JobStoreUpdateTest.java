package io.muster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.job.JobRecord;
import io.muster.api.JobState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.muster.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Updates and their history, on each database the store runs on. */
@ParameterizedClass
@MethodSource("io.muster.testing.TestDatabase#both")
class JobStoreUpdateTest {

    private final TestDatabase kind;
    private TestDatabase.Fresh database;
    private JobStore store;

    JobStoreUpdateTest(TestDatabase kind) {
        this.kind = kind;
    }

    @BeforeEach
    void openStore() {
        database = kind.open();
        store = new JobStore(database.database().dataSource());
    }

    @AfterEach
    void closeStore() {
        if (database == null) { // the database is not there and the test was skipped
            return;
        }
        store.close();
        database.close();
    }

    private JobRecord accepted() {
        JobId id = JobId.generate();
        JobRecord job = JobRecord.accepted(id, null, "j", "true", "local", null, Map.of(),
                Path.of("/tmp/muster-jobs", id.value()), "ann");
        store.insertOrGet(job);
        return job;
    }

    private List<JobState> moves(JobRecord job) {
        return store.history(job.id()).stream().map(StateChange::state).toList();
    }

    @Test
    void givenAJobMovedSeveralTimesInOneBatchItsRowHoldsTheLastAndItsHistoryEveryMoveInOrder() {
        JobRecord job = accepted();
        JobRecord queued = job.withState(JobState.QUEUED, null).withSchedulerId("7");
        JobRecord running = queued.withState(JobState.RUNNING, null);
        JobRecord done = running.withState(JobState.COMPLETED, null).withExitCode(0);

        store.updateAll(List.of(new JobStore.Update(queued, true), new JobStore.Update(running, true),
                new JobStore.Update(done, true)), false);

        JobRecord stored = store.find(job.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(JobState.COMPLETED);
        assertThat(stored.schedulerId()).isEqualTo("7");
        assertThat(stored.exitCode()).isZero();
        assertThat(moves(job)).containsExactly(JobState.ACCEPTED, JobState.QUEUED, JobState.RUNNING,
                JobState.COMPLETED);
    }

    @Test
    void givenSeveralJobsInOneBatchEachGetsItsOwnLastRecord() {
        JobRecord a = accepted();
        JobRecord b = accepted();

        store.updateAll(List.of(new JobStore.Update(a.withState(JobState.QUEUED, null), true),
                new JobStore.Update(b.withState(JobState.QUEUED, null), true),
                new JobStore.Update(a.withState(JobState.QUEUED, null).withState(JobState.FAILED, "no"), true)),
                false);

        assertThat(store.find(a.id()).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(store.find(a.id()).orElseThrow().reason()).isEqualTo("no");
        assertThat(store.find(b.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(moves(b)).containsExactly(JobState.ACCEPTED, JobState.QUEUED);
    }
}
