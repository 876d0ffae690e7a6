package io.muster.batch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import io.muster.options.JobOptions;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerException;
import io.muster.scheduler.SchedulerStatus;
import io.muster.scheduler.StatusListener;
import io.muster.testing.TestRecords;
import io.muster.tracking.JobLifecycle;
import io.muster.tracking.JobTracker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How one chunk of accepted jobs reaches its backend: in one call, one store transaction, each outcome its own. */
class HandOverTest {

    /** A backend that numbers what it takes, remembers each call, and refuses the jobs it is told to. */
    @jakarta.enterprise.inject.Vetoed
    private static class ScriptedBackend implements Scheduler {
        final List<List<JobSubmission>> calls = new ArrayList<>();
        final Set<String> refuse;
        final Set<String> unknown = new java.util.HashSet<>();
        final List<Collection<String>> askedWhetherKnown = new ArrayList<>();
        int next = 100;

        ScriptedBackend(String... refusedNames) {
            this.refuse = Set.of(refusedNames);
        }

        @Override
        public String name() {
            return "slurm";
        }

        @Override
        public List<io.muster.scheduler.Handover> submitAll(List<JobSubmission> jobs) {
            calls.add(List.copyOf(jobs));
            return Scheduler.super.submitAll(jobs);
        }

        @Override
        public String submit(JobSubmission job) throws SchedulerException {
            if (refuse.contains(job.name())) {
                throw new SchedulerException("sbatch: error: invalid partition for " + job.name());
            }
            return String.valueOf(next++);
        }

        @Override
        public Map<String, SchedulerStatus> status(Collection<String> ids) {
            return Map.of();
        }

        @Override
        public Set<String> unknownJobs(Collection<String> ids) {
            askedWhetherKnown.add(List.copyOf(ids));
            return ids.stream().filter(unknown::contains).collect(java.util.stream.Collectors.toSet());
        }

        @Override
        public void cancel(Collection<String> ids) {
        }

        @Override
        public boolean pushesUpdates() {
            return false;
        }

        @Override
        public void setListener(StatusListener listener) {
        }
    }

    /** The store as a map; counts its transactions. */
    @jakarta.enterprise.inject.Vetoed
    private static final class InMemoryLifecycle extends JobLifecycle {
        final Map<JobId, JobRecord> jobs = new LinkedHashMap<>();
        final List<Integer> transactions = new ArrayList<>();

        @Override
        public JobRecord get(JobId id) {
            JobRecord job = jobs.get(id);
            if (job == null) {
                throw new NoSuchElementException("no job " + id);
            }
            return job;
        }

        @Override
        public List<JobRecord> changeAll(List<Edit> edits, boolean durable) {
            assertThat(durable).as("a hand-over must reach the disk before it counts").isTrue();
            transactions.add(edits.size());
            List<JobRecord> out = new ArrayList<>();
            for (Edit e : edits) {
                JobRecord after = e.edit().apply(get(e.id()));
                jobs.put(e.id(), after);
                out.add(after);
            }
            return out;
        }
    }

    private final InMemoryLifecycle lifecycle = new InMemoryLifecycle();
    private final JobTracker tracker = new JobTracker();
    private final List<JobId> retried = new ArrayList<>();

    private PreparedJob accepted(String name, String... depends) {
        JobId id = JobId.generate();
        Map<String, Object> options = depends.length == 0 ? Map.of() : Map.of("depends", List.of(depends));
        JobRecord job = JobRecord.accepted(id, null, name, "true", "slurm", null, options,
                TestRecords.accepted(id, "slurm").workDir());
        lifecycle.jobs.put(id, job);
        JobOptions parsed = JobOptions.fromNormalised(options);
        return new PreparedJob(job, parsed, DependencyList.parse(parsed.depends()));
    }

    private void handOver(ScriptedBackend backend, List<PreparedJob> chunk) {
        new HandOver(backend, lifecycle, tracker, retried::add).handOver(chunk);
    }

    private JobRecord stored(PreparedJob job) {
        return lifecycle.jobs.get(job.job().id());
    }

    @Test
    void aChunkOfJobsGoesToTheBackendInOneCallAndIsRecordedInOneTransaction() {
        ScriptedBackend backend = new ScriptedBackend();
        List<PreparedJob> chunk = List.of(accepted("a"), accepted("b"), accepted("c"), accepted("d"), accepted("e"));

        handOver(backend, chunk);

        assertThat(backend.calls).hasSize(1);
        assertThat(backend.calls.get(0)).extracting(JobSubmission::name).containsExactly("a", "b", "c", "d", "e");
        assertThat(lifecycle.transactions).containsExactly(5);
        assertThat(chunk).allSatisfy(j -> {
            assertThat(stored(j).state()).isEqualTo(JobState.QUEUED);
            assertThat(stored(j).schedulerId()).isNotNull();
        });
        assertThat(tracker.followedCount()).as("every job taken is followed").isEqualTo(5);
    }

    @Test
    void aJobTheBackendRefusesFailsWithItsReasonAndTheOthersGoOn() {
        ScriptedBackend backend = new ScriptedBackend("bad");
        PreparedJob first = accepted("first");
        PreparedJob bad = accepted("bad");
        PreparedJob last = accepted("last");

        handOver(backend, List.of(first, bad, last));

        assertThat(stored(bad).state()).isEqualTo(JobState.FAILED);
        assertThat(stored(bad).reason()).isEqualTo("sbatch: error: invalid partition for bad");
        assertThat(List.of(stored(first).state(), stored(last).state())).containsOnly(JobState.QUEUED);
        assertThat(tracker.followedCount()).isEqualTo(2);
    }

    @Test
    void aDependencyEarlierInTheChunkIsHandedOverFirstAndItsIdPassedOn() {
        ScriptedBackend backend = new ScriptedBackend();
        PreparedJob parent = accepted("parent");
        PreparedJob child = accepted("child", parent.job().id().value());

        handOver(backend, List.of(parent, child));

        assertThat(backend.calls).extracting(List::size).containsExactly(1, 1);
        assertThat(backend.calls.get(1).get(0).dependencies()).containsExactly(stored(parent).schedulerId());
        assertThat(lifecycle.transactions).as("still one transaction for the chunk").containsExactly(2);
    }

    @Test
    void givenAClustersOwnJobId_whenHandedOver_thenItGoesToTheSchedulerAsGiven() {
        ScriptedBackend backend = new ScriptedBackend();
        PreparedJob external = accepted("external", "12345");

        handOver(backend, List.of(external));

        assertThat(backend.calls).singleElement().satisfies(chunk -> assertThat(chunk.get(0).dependencies())
                .as("the design's \"muster job id or scheduler id\"").containsExactly("12345"));
    }

    @Test
    void aClustersOwnJobIdTheClusterDoesNotKnowEndsTheJobAsDependencyFailedWithoutSubmittingIt() {
        ScriptedBackend backend = new ScriptedBackend();
        backend.unknown.add("987654");
        PreparedJob typo = accepted("typo", "987654");
        PreparedJob known = accepted("known", "afterany:12345");
        PreparedJob alsoKnown = accepted("alsoKnown", "12345");

        handOver(backend, List.of(typo, known, alsoKnown));

        assertThat(backend.askedWhetherKnown).as("one question per chunk").containsExactly(List.of("987654", "12345"));
        assertThat(stored(typo).state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(stored(typo).reason()).contains("987654").contains("slurm does not know");
        assertThat(backend.calls).singleElement().satisfies(chunk ->
                assertThat(chunk).extracting(JobSubmission::name).containsExactly("known", "alsoKnown"));
    }

    @Test
    void aDependencyThatFailedEndsTheJobAsDependencyFailedWithoutSubmittingIt() {
        ScriptedBackend backend = new ScriptedBackend();
        PreparedJob parent = accepted("parent");
        lifecycle.jobs.put(parent.job().id(), parent.job().withState(JobState.FAILED, "exit 1"));
        PreparedJob child = accepted("child", parent.job().id().value());

        handOver(backend, List.of(child));

        assertThat(backend.calls).isEmpty();
        assertThat(stored(child).state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(stored(child).reason()).isEqualTo("dependency " + parent.job().id() + " ended FAILED");
    }

    @Test
    void aDependencyNotYetHandedOverSendsTheJobRoundAgain() {
        ScriptedBackend backend = new ScriptedBackend();
        PreparedJob parent = accepted("parent"); // accepted, but not in this chunk and not handed over
        PreparedJob child = accepted("child", parent.job().id().value());

        handOver(backend, List.of(child));

        assertThat(backend.calls).isEmpty();
        assertThat(retried).containsExactly(child.job().id());
        assertThat(stored(child).state()).isEqualTo(JobState.ACCEPTED);
    }

    @Test
    void aJobCancelledWhileTheBackendTookItIsCancelledThereToo() {
        List<String> cancelled = new ArrayList<>();
        ScriptedBackend backend = new ScriptedBackend() {
            @Override
            public String submit(JobSubmission job) throws SchedulerException {
                String id = super.submit(job);
                // the user's cancel lands between the backend taking the job and the store recording it
                lifecycle.jobs.computeIfPresent(job.id(), (k, j) -> j.withState(JobState.CANCELLED, "cancelled"));
                return id;
            }

            @Override
            public void cancel(Collection<String> ids) {
                cancelled.addAll(ids);
            }
        };
        PreparedJob job = accepted("late");

        handOver(backend, List.of(job));

        assertThat(stored(job).state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled).containsExactly(stored(job).schedulerId());
    }
}
