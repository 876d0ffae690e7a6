package io.muster.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.JobId;
import io.muster.config.GridSettings;
import io.muster.job.JobRecord;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.RecordingCommandRunner;
import io.muster.scheduler.slurm.SlurmDialect;
import io.muster.testing.TestRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What tracking many Slurm jobs costs the controller: one squeue per poll interval, whatever their number. */
class GridPollingCostTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final JobTracker tracker = new JobTracker();
    /** Jobs moved by the tracker, without a store: the cost under test is the scheduler's. */
    private final Map<JobId, Integer> moved = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        tracker.close();
    }

    @Test
    void tracking200JobsCostsOneSqueuePerInterval() {
        List<String> ids = IntStream.range(5000, 5200).mapToObj(String::valueOf).toList();
        runner.answer("squeue", ids.stream().map(id -> id + "|RUNNING|None|2026-11-26T13:47:30|NONE\n")
                .collect(Collectors.joining()));
        tracker.lifecycle = new JobLifecycle() {
            @Override
            public List<JobRecord> changeAll(List<Edit> edits, boolean durable) {
                edits.forEach(e -> moved.merge(e.id(), 1, Integer::sum));
                return List.of();
            }
        };
        GridScheduler slurm = new GridScheduler(new SlurmDialect(), runner,
                GridSettings.defaults("slurm").withPollInterval(INTERVAL), "alice");
        tracker.attach(slurm, INTERVAL);
        ids.forEach(id -> tracker.follow(JobId.generate(), "slurm", id));

        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.commands().size() >= 5);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(runner.programs()).as("no per-job command, no accounting for jobs squeue shows")
                .containsOnly("squeue");
        assertThat((long) runner.commands().size()).isLessThanOrEqualTo(elapsed.dividedBy(INTERVAL) + 1);
        assertThat(moved).as("every job heard of its state from the shared squeue").hasSize(200);
    }

    @Test
    void endedJobsAreNoLongerAskedFor() {
        runner.answer("squeue", "7|COMPLETED|None|2026-11-26T13:47:30|2026-11-26T13:47:31\n")
                .answer("sacct", "7|COMPLETED|0:0|None|2026-11-26T13:47:30|2026-11-26T13:47:31\n");
        Map<JobId, JobRecord> recorded = new ConcurrentHashMap<>();
        tracker.lifecycle = new JobLifecycle() {
            @Override
            public List<JobRecord> changeAll(List<Edit> edits, boolean durable) {
                edits.forEach(e -> recorded.put(e.id(), e.edit().apply(TestRecords.queued(e.id(), "slurm"))));
                return List.copyOf(recorded.values());
            }
        };
        GridScheduler slurm = new GridScheduler(new SlurmDialect(), runner,
                GridSettings.defaults("slurm").withPollInterval(INTERVAL), "alice");
        tracker.attach(slurm, INTERVAL);
        JobId id = JobId.generate();

        tracker.follow(id, "slurm", "7");

        await().atMost(Duration.ofSeconds(5)).until(() -> recorded.containsKey(id));
        assertThat(recorded.get(id).state()).hasToString("COMPLETED");
        await().until(() -> tracker.followedCount() == 0);
        int asked = runner.commands().size();
        await().pollDelay(INTERVAL.multipliedBy(4)).until(() -> true);
        assertThat(runner.commands()).hasSize(asked);
    }
}
