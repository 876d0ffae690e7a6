package io.muster.scheduler.slurm;

import static io.muster.scheduler.slurm.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScontrolJobTest {

    @Test
    void readsWhatSlurmMadeOfTheRequest() {
        Map<String, String> job = ScontrolJob.parse(text("scontrol-show-job.txt"));

        assertThat(job).contains(entry("JobId", "38"), entry("CPUs/Task", "2"), entry("TimeLimit", "00:05:00"),
                entry("MinMemoryNode", "512M"), entry("TRES", "cpu=2,mem=512M,node=1,billing=2"),
                entry("Partition", "debug"));
    }

    @Test
    void readsWhyAJobWillNeverRun() {
        Map<String, String> job = ScontrolJob.parse(text("scontrol-show-job-dependency.txt"));

        assertThat(job).contains(entry("JobState", "CANCELLED"), entry("Reason", "DependencyNeverSatisfied"),
                entry("Dependency", "afterok:44(failed)"));
    }
}
