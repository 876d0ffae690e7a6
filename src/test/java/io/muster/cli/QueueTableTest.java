package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.client.JobInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueTableTest {

    private static final Instant NOW = Instant.parse("2030-01-02T12:00:00Z");

    private static JobInfo job(String id, String name, JobState state, Integer exit, Instant started, Instant ended) {
        return new JobInfo(id, null, name, "ann", "true", "local", "short", null, state, "42", exit, null,
                NOW.minusSeconds(600), started, ended, "/w", "/w/stdout", "/w/stderr", Map.of(), List.of(), null,
                List.of());
    }

    @Test
    void alignsColumnsAndShowsElapsedTimeOfRunningAndEndedJobs() {
        String table = QueueCommand.table(List.of(
                job("mwxabcde-11111", "a-long-job-name", JobState.RUNNING, null, NOW.minusSeconds(75), null),
                job("mwxabcde-22222", "b", JobState.FAILED, 3, NOW.minusSeconds(3700), NOW.minusSeconds(100))), NOW);

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ID ").contains("NAME", "STATE", "EXIT", "ELAPSED");
        assertThat(lines.get(1)).contains("a-long-job-name", "RUNNING", "00:01:15");
        assertThat(lines.get(2)).contains("FAILED", " 3 ", "01:00:00");
        int stateColumn = lines.get(0).indexOf("STATE");
        assertThat(lines.get(1).indexOf("RUNNING")).isEqualTo(stateColumn);
        assertThat(lines.get(2).indexOf("FAILED")).isEqualTo(stateColumn);
    }

    @Test
    void saysSoWhenThereAreNoJobs() {
        assertThat(QueueCommand.table(List.of(), NOW)).contains("(no jobs)");
    }

    @Test
    void elapsedPastADayShowsDays() {
        assertThat(QueueCommand.elapsed(Duration.ofHours(27).plusSeconds(5))).isEqualTo("1-03:00:05");
    }

    @Test
    void issue12_showsNodesCpusAndTheNodeListOrWhyAJobWaits() {
        JobInfo running = new JobInfo("mwxabcde-11111", null, "a", "ann", "true", "slurm", "debug", null,
                JobState.RUNNING, "42", null, null, NOW.minusSeconds(600), NOW.minusSeconds(60), null, "/w", "/w/stdout",
                "/w/stderr", Map.of(), List.of(), null, List.of(), "vm[1-2]", 2, 4);
        JobInfo waiting = new JobInfo("mwxabcde-22222", null, "b", "ann", "true", "slurm", "debug", null,
                JobState.QUEUED, "43", null, "Resources", NOW.minusSeconds(600), null, null, "/w", "/w/stdout",
                "/w/stderr", Map.of(), List.of(), null, List.of(), null, null, 2);

        List<String> lines = QueueCommand.table(List.of(running, waiting), NOW).lines().toList();

        assertThat(lines.get(0)).contains("PARTITION", "NODES", "CPUS", "NODELIST(REASON)");
        assertThat(lines.get(1)).contains("debug", " 2 ", " 4 ").endsWith("vm[1-2]");
        assertThat(lines.get(2)).endsWith("(Resources)");
        assertThat(QueueCommand.detail(running)).contains("partition:", "debug", "nodes:", "vm[1-2] (2 nodes)", "cpus:");
    }
}
