package io.muster.scheduler.sge;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.JobState;
import io.muster.config.GridSettings;
import io.muster.scheduler.ASubmission;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.JobScript;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.ProcessCommandRunner;
import io.muster.scheduler.SchedulerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grid Engine dialect against the real cell, for what is particular to it; what every
 * backend must do is {@link SgeContractIT}'s. Skipped locally without a cell, failed in CI.
 */
class SgeBackendIT {

    private static final Duration END = Duration.ofMinutes(3);

    @TempDir
    Path work;

    private GridScheduler sge;
    private final List<String> submitted = new ArrayList<>();
    private final Map<String, SchedulerStatus> ended = new HashMap<>();

    @BeforeEach
    void theCellAnswers() {
        SgeCell.assumeRunning();
        sge = new GridScheduler(new SgeDialect(), new ProcessCommandRunner(),
                SgeCell.settings().withPollInterval(Duration.ofMillis(300)));
    }

    /** Whatever is still in the cell goes: running jobs, and jobs left in error state. */
    @AfterEach
    void deleteWhatIsLeft() throws Exception {
        if (sge != null && !submitted.isEmpty()) {
            List<String> qdel = new ArrayList<>(List.of("qdel"));
            qdel.addAll(submitted);
            SgeCell.run(sge.settings(), qdel.toArray(String[]::new));
        }
    }

    private JobSubmission job(String name, String command, ASubmission options) throws Exception {
        Path dir = Files.createDirectories(work.resolve("jobs").resolve(name));
        JobSubmission job = options.named(name).in(dir).build();
        JobScript.write(job.files(), command, Map.of());
        return job;
    }

    private String submit(JobSubmission job) throws Exception {
        String id = sge.submit(job);
        submitted.add(id);
        return id;
    }

    /** Polls as the tracker does, one qstat for every job still open, until {@code id} has ended. */
    private SchedulerStatus awaitEnd(String id) {
        await().atMost(END).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<String> open = submitted.stream().filter(s -> !ended.containsKey(s)).toList();
            sge.status(open).forEach((sid, status) -> {
                if (status.state().isFinal()) {
                    ended.put(sid, status);
                }
            });
            return ended.containsKey(id);
        });
        return ended.get(id);
    }

    @Test
    void anArrayRunsEveryTaskAndCompletes() throws Exception {
        Path tasks = work.resolve("tasks");
        JobSubmission job = job("array", "echo \"$SGE_TASK_ID\" >> " + tasks, aJob().with("array", "1-3"));

        SchedulerStatus end = awaitEnd(submit(job));

        assertThat(end.state()).isEqualTo(JobState.COMPLETED);
        assertThat(Files.readAllLines(tasks)).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void anAfterokDependantOfAnArrayWhoseFirstTaskFailedIsDependencyFailedThoughTheLastTaskSucceeded()
            throws Exception {
        JobSubmission array = job("failing-array", "sleep $((SGE_TASK_ID * 2)); [ \"$SGE_TASK_ID\" != 1 ]",
                aJob().with("array", "1-3"));
        String head = submit(array);
        Path ran = work.resolve("dependant-ran");
        String dependant = submit(job("after-array", "touch " + ran, aJob().after(head)));

        assertThat(awaitEnd(head).state()).isEqualTo(JobState.FAILED);
        SchedulerStatus end = awaitEnd(dependant);

        assertThat(end.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(ran).doesNotExist();
    }

    @Test
    void theCellHonoursTheDirectives() throws Exception {
        JobSubmission job = job("directives", "sleep 30",
                aJob().with("cores", 2).with("mem", "1000MB").with("time", "00:02:00"));
        String id = submit(job);

        CommandResult shown = SgeCell.run(sge.settings(), "qstat", "-j", id);

        assertThat(shown.stdout()).contains("job_name:                   directives")
                .containsPattern("hard resource_list: +(h_rt=120,h_vmem=500M|h_vmem=500M,h_rt=120)")
                .containsPattern("parallel environment: +smp range: 2");
    }

    @Test
    void theCellTakesWhatTheExtraAllowListLetsThroughAsWrittenAndRunsTheJob() throws Exception {
        // given extra items the allow-list passes, written with their values attached
        ASubmission options = aJob().with("extra", List.of("-lh_cpu=600,s_cpu=590", "-p-10", "-notify",
                "-acstage=align", "-Ry"));
        JobSubmission job = job("extra", "sleep 5", options);
        assertThat(sge.check(job.options())).isEmpty();

        // when it is submitted
        String id = submit(job);

        // then Grid Engine read each as the option it is, and the job runs to its end
        assertThat(SgeCell.run(sge.settings(), "qstat", "-j", id).stdout())
                .containsPattern("hard resource_list: +\\S*h_cpu=600")
                .containsPattern("priority: +-10")
                .containsPattern("notify: +TRUE")
                .containsPattern("context: +stage=align")
                .containsPattern("reserve: +y");
        assertThat(awaitEnd(id).state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aJobWhoseDirectoryVanishedBeforeItStartedEndsFailedWithGridEnginesReason() throws Exception {
        // given a held job whose directory (its -wd) is deleted before it is released
        JobSubmission job = job("vanishing", "true", aJob().with("extra", List.of("-h")));
        String id = submit(job);
        await().atMost(END).until(() -> sge.status(List.of(id)).get(id).state() == JobState.HELD);
        try (var files = Files.walk(job.files().dir())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        // when it is released, the execd cannot change into it and Grid Engine puts it in error state (Eqw)
        SgeCell.run(sge.settings(), "qrls", id);
        SchedulerStatus end = awaitEnd(id);

        // then
        assertThat(end.state()).isEqualTo(JobState.FAILED);
        assertThat(end.reason()).contains("error state (Eqw)", "qstat -j " + id);
    }

    @Test
    void autoDetectsTheCellWhenItsCommandsAnswer() {
        // given the settings a server has by default (auto), with the cell's commands
        GridSettings auto = SgeCell.settings().withMode(GridSettings.Mode.AUTO);

        // then the backend comes up, and it does not where the commands are not
        assertThat(GridScheduler.fromSettings(new SgeDialect(), new ProcessCommandRunner(), auto)).isPresent();
        assertThat(GridScheduler.fromSettings(new SgeDialect(), new ProcessCommandRunner(),
                auto.withBinDir(work.resolve("no-such-bin")))).isEmpty();
    }
}
