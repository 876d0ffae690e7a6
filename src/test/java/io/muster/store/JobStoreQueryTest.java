package io.muster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.muster.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The store's queries and its batched writes, on each database it runs on. */
@ParameterizedClass
@MethodSource("io.muster.testing.TestDatabase#both")
class JobStoreQueryTest {

    private final TestDatabase kind;
    private TestDatabase.Fresh database;
    private JobStore store;

    JobStoreQueryTest(TestDatabase kind) {
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

    /** Test data: {@code job("align").user("ann").partition("short").state(RUNNING).store()}. */
    private final class JobBuilder {
        private final String name;
        private String user = "ann";
        private String backend = "local";
        private String partition;
        private JobState state = JobState.ACCEPTED;

        JobBuilder(String name) {
            this.name = name;
        }

        JobBuilder user(String u) {
            user = u;
            return this;
        }

        JobBuilder backend(String b) {
            backend = b;
            return this;
        }

        JobBuilder partition(String p) {
            partition = p;
            return this;
        }

        JobBuilder state(JobState s) {
            state = s;
            return this;
        }

        JobRecord store() throws InterruptedException {
            Map<String, Object> options = new LinkedHashMap<>();
            if (partition != null) {
                options.put("partition", partition);
            }
            JobId id = JobId.generate();
            JobRecord job = JobRecord.accepted(id, null, name, "true", backend, null, options,
                    Path.of("/tmp/muster-jobs", id.value()), user);
            store.insertOrGet(job);
            if (state != JobState.ACCEPTED) {
                store.update(job.withState(state, null), true);
            }
            Thread.sleep(2); // submission times (and ids) order the listing
            return store.find(id).orElseThrow();
        }
    }

    private JobBuilder job(String name) {
        return new JobBuilder(name);
    }

    private static List<String> names(List<JobRecord> jobs) {
        return jobs.stream().map(JobRecord::name).toList();
    }

    @Test
    void keepsTheUserAndReadsItBack() throws Exception {
        JobRecord stored = job("a").user("bob").store();

        assertThat(stored.user()).isEqualTo("bob");
    }

    @Test
    void filtersByStatesUserBackendAndPartitionTogether() throws Exception {
        job("wanted").user("ann").backend("slurm").partition("short").state(JobState.RUNNING).store();
        job("other-user").user("bob").backend("slurm").partition("short").state(JobState.RUNNING).store();
        job("other-backend").user("ann").backend("local").partition("short").state(JobState.RUNNING).store();
        job("other-partition").user("ann").backend("slurm").partition("long").state(JobState.RUNNING).store();
        job("other-state").user("ann").backend("slurm").partition("short").state(JobState.COMPLETED).store();

        List<JobRecord> found = store.find(JobFilter.all().withStates(EnumSet.of(JobState.RUNNING))
                .withUser("ann").withBackend("slurm").withPartition("short"));

        assertThat(names(found)).containsExactly("wanted");
    }

    @Test
    void nameMatchesWithStarAndQuestionMarkOnlyAsWildcards() throws Exception {
        job("align_1").store();
        job("align_22").store();
        job("alignX1").store();
        job("sort").store();

        assertThat(names(store.find(JobFilter.all().withName("align*")))).containsExactly("align_1", "align_22", "alignX1");
        assertThat(names(store.find(JobFilter.all().withName("align_?")))).containsExactly("align_1");
        assertThat(names(store.find(JobFilter.all().withName("sort")))).containsExactly("sort");
    }

    @Test
    void limitKeepsTheMostRecentJobsOldestFirst() throws Exception {
        for (int i = 1; i <= 5; i++) {
            job("j" + i).store();
        }

        assertThat(names(store.find(JobFilter.all().withLimit(2)))).containsExactly("j4", "j5");
    }

    @Test
    void countsPerStateWithinTheFilter() throws Exception {
        job("a").state(JobState.RUNNING).store();
        job("b").state(JobState.RUNNING).store();
        job("c").state(JobState.FAILED).store();
        job("d").user("bob").state(JobState.FAILED).store();

        Map<JobState, Integer> counts = store.countByState(JobFilter.all().withUser("ann"));

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(JobState.RUNNING, 2, JobState.FAILED, 1));
    }

    @Test
    void anEmptySetOfStatesMatchesNothing() throws Exception {
        job("a").store();

        assertThat(store.find(JobFilter.all().withStates(EnumSet.noneOf(JobState.class)))).isEmpty();
    }

    @Test
    void aResubmissionIsLinkedBothWays() throws Exception {
        JobRecord first = job("a").state(JobState.FAILED).store();
        JobRecord second = job("a").store();

        store.linkResubmission(second.id(), first.id());

        assertThat(store.resubmittedFrom(second.id())).contains(first.id());
        assertThat(store.resubmittedFrom(first.id())).isEmpty();
        assertThat(store.resubmissionsOf(first.id())).containsExactly(second.id());
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
