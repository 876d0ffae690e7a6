package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.api.Violation;
import io.muster.job.JobRecord;
import io.muster.options.OptionResolver;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.testing.SubmissionJson;
import io.muster.testing.TestRecords;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A submission's {@code depends}: one known kind per job, on jobs the store knows, on the same backend. */
class SubmissionDependenciesTest {

    private final Map<JobId, JobRecord> store = new HashMap<>();
    private final Submissions rules;
    private final JobRecord localJob = TestRecords.accepted(JobId.generate(), "local");
    private final JobRecord otherLocalJob = TestRecords.accepted(JobId.generate(), "local");
    private final JobRecord slurmJob = TestRecords.accepted(JobId.generate(), "slurm");

    SubmissionDependenciesTest() {
        Schedulers schedulers = new Schedulers();
        schedulers.register(new LocalScheduler(2, 1024));
        rules = new Submissions(new OptionResolver(), schedulers, Path.of("/tmp/muster-work"))
                .knowingJobs(id -> Optional.ofNullable(store.get(id)));
        List.of(localJob, otherLocalJob, slurmJob).forEach(j -> store.put(j.id(), j));
    }

    private List<Violation> violations(String backend, Object... depends) {
        return rules.read(SubmissionJson.command("true").backend(backend).option("depends", List.of(depends)).json())
                .violations();
    }

    @Test
    void givenKnownLocalJobsOfOneKind_whenALocalJobDependsOnThem_thenAccepted() {
        assertThat(violations("local", localJob.id().value(), "afterok:" + otherLocalJob.id().value())).isEmpty();
        assertThat(violations("local", "afterany:" + localJob.id().value())).isEmpty();
    }

    @Test
    void givenAnUnknownKind_whenSubmitted_thenRefusedNamingTheEntryAndTheKind() {
        String entry = "afternotok:" + localJob.id().value();

        assertThat(violations("local", entry)).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("depends");
            assertThat(v.value()).isEqualTo(entry);
            assertThat(v.message()).isEqualTo("depends '" + entry + "' has an unknown kind 'afternotok';"
                    + " an entry is ID, afterok:ID or afterany:ID");
        });
    }

    @Test
    void givenAfterOkAndAfterAny_whenSubmittedTogether_thenRefusedAsMixedNamingTheEntries() {
        String ok = "afterok:" + localJob.id().value();
        String any = "afterany:" + otherLocalJob.id().value();

        assertThat(violations("local", ok, any)).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("depends");
            assertThat(v.message()).isEqualTo("depends ['" + ok + "', '" + any + "'] mixes afterok and afterany;"
                    + " give one kind per job");
        });
    }

    @Test
    void givenAnIdTheStoreDoesNotHave_whenSubmittedToTheLocalPool_thenRefusedNamingIt() {
        for (String unknown : List.of("nosuchjob", "12345", JobId.generate().value())) {
            assertThat(violations("local", unknown)).as(unknown).singleElement()
                    .satisfies(v -> assertThat(v.message()).isEqualTo("depends '" + unknown + "' names no job"
                            + " Muster knows; a dependency is the id of a job submitted through Muster"
                            + " (muster queue --all lists them)"));
        }
    }

    /** The design's depends: "muster job id or scheduler id"; fyrd depends on any job of the queue by its id. */
    @Test
    void givenAClustersOwnJobId_whenSubmittedToThatCluster_thenAcceptedAndAWordIsStillRefused() {
        for (String schedulerId : List.of("12345", "12345_7", "123.pbs-server", "123[].pbs-server")) {
            assertThat(violations("slurm", schedulerId)).as(schedulerId).isEmpty();
        }
        for (String unknown : List.of("nosuchjob", JobId.generate().value())) {
            assertThat(violations("slurm", unknown)).as(unknown).singleElement()
                    .satisfies(v -> assertThat(v.message()).endsWith("or the slurm id of a job in its queue"));
        }
    }

    @Test
    void givenALocalJob_whenASlurmJobDependsOnIt_thenRefusedNamingTheDependencysBackend() {
        String id = localJob.id().value();

        assertThat(violations("slurm", id)).singleElement().satisfies(v -> {
            assertThat(v.value()).isEqualTo(id);
            assertThat(v.message()).isEqualTo("depends '" + id + "' is a job of backend local, this job runs on slurm;"
                    + " a dependency must run on the same backend");
        });
        assertThat(violations("local", slurmJob.id().value())).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("is a job of backend slurm, this job runs on local"));
    }

    @Test
    void givenAnEntryWithoutAnId_whenSubmitted_thenRefused() {
        assertThat(violations("local", "afterok:")).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("depends 'afterok:' names no job id or several"));
    }
}
