package io.muster.scheduler;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.JobState;
import io.muster.config.GridSettings;
import io.muster.scheduler.slurm.SlurmDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridSchedulerTest {

    private static final String TIMED_OUT =
            "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation\n";
    private static final String BAD_PARTITION = "sbatch: error: invalid partition specified: nosuch\n"
            + "sbatch: error: Batch job submission failed: Invalid partition name specified\n";

    @TempDir
    Path work;

    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    private GridScheduler slurm(GridSettings settings) {
        return new GridScheduler(new SlurmDialect(ZoneOffset.UTC), runner, settings, "alice");
    }

    private GridScheduler slurm() {
        return slurm(GridSettings.defaults("slurm"));
    }

    private JobSubmission jobIn(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        return aJob().named(name).in(dir).with("cores", 2).build();
    }

    private static String squeueLines(List<String> ids, String state) {
        return ids.stream().map(id -> id + "|" + state + "|None|2026-11-26T13:47:30|NONE\n").collect(Collectors.joining());
    }

    private static List<String> ids(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(String::valueOf).toList();
    }

    @Test
    void submitsTheWrapperWithItsDirectivesAndReturnsSlurmsId() throws Exception {
        runner.answer("sbatch", "4711\n");
        JobSubmission job = jobIn("a");

        String id = slurm().submit(job);

        assertThat(id).isEqualTo("4711");
        assertThat(runner.commands()).containsExactly(List.of("sbatch", "--parsable", job.files().wrapper().toString()));
        assertThat(Files.readString(job.files().wrapper())).contains("#SBATCH --cpus-per-task=2\n")
                .contains(job.files().exitCode().toString());
    }

    @Test
    void retriesASubmitThatTimedOutWithBackOff() throws Exception {
        runner.fail("sbatch", 1, TIMED_OUT).fail("sbatch", 1, TIMED_OUT).answer("sbatch", "12\n");
        runner.answer("squeue", "7|muster:someone-else\n");

        long start = System.nanoTime();
        String id = slurm().submit(jobIn("a"));

        assertThat(id).isEqualTo("12");
        // before each retry: did the controller take the timed-out one after all?
        assertThat(runner.programs()).containsExactly("sbatch", "squeue", "sbatch", "squeue", "sbatch");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(GridScheduler.FIRST_BACKOFF.multipliedBy(3));
    }

    @Test
    void aTimedOutSubmitTheControllerTookAfterAllIsNotSubmittedAgain() throws Exception {
        // given sbatch timed out, yet the controller queued the job with Muster's tag
        JobSubmission job = jobIn("a");
        runner.fail("sbatch", 1, TIMED_OUT);
        runner.answer("squeue", "40|\n41|muster:" + job.id() + "\n");

        // when
        String id = slurm().submit(job);

        // then the retry finds it instead of submitting a second copy
        assertThat(id).isEqualTo("41");
        assertThat(runner.programs()).containsExactly("sbatch", "squeue");
        assertThat(runner.commands("squeue").get(0)).contains("--user=alice", "--format=%i|%k");
        assertThat(Files.readString(job.files().wrapper())).contains("#SBATCH --comment=muster:" + job.id() + "\n");
    }

    @Test
    void givesUpAfterTheConfiguredRetries() throws Exception {
        runner.fail("sbatch", 1, TIMED_OUT);
        runner.answer("squeue", "");
        GridSettings settings = new GridSettings("slurm", GridSettings.Mode.ON, Duration.ofSeconds(1), 100,
                Duration.ofSeconds(5), 1);

        assertThatThrownBy(() -> slurm(settings).submit(jobIn("a")))
                .isInstanceOf(SchedulerException.class)
                .hasMessageContaining("Socket timed out");
        assertThat(runner.programs()).containsExactly("sbatch", "squeue", "sbatch");
    }

    @Test
    void aRefusedSubmitFailsAtOnceWithSbatchsWordsCommandAndExitCode() throws Exception {
        runner.fail("sbatch", 1, BAD_PARTITION);

        assertThatThrownBy(() -> slurm().submit(jobIn("a")))
                .isInstanceOfSatisfying(SchedulerException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("invalid partition specified: nosuch; "
                            + "Batch job submission failed: Invalid partition name specified");
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.command()).first().isEqualTo("sbatch");
                    assertThat(e.output()).contains("Invalid partition name specified");
                    assertThat(e.isTransient()).isFalse();
                });
        assertThat(runner.programs()).containsExactly("sbatch");
    }

    @Test
    void limitsTheSubmitRate() throws Exception {
        runner.answer("sbatch", "1\n");
        GridScheduler scheduler = slurm(GridSettings.defaults("slurm").withSubmitsPerSecond(20));

        long start = System.nanoTime();
        for (int i = 0; i < 11; i++) {
            scheduler.submit(jobIn("j" + i));
        }

        // 10 spaced permits at 20/s are 500 ms; the limiter may hand a permit out a little early
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void asksOneSqueueForTwoHundredJobs() {
        List<String> ids = ids(1000, 200);
        runner.answer("squeue", squeueLines(ids, "RUNNING"));

        Map<String, SchedulerStatus> statuses = slurm().status(ids);

        assertThat(runner.programs()).containsExactly("squeue");
        assertThat(statuses).hasSize(200);
        assertThat(statuses.values()).allMatch(s -> s.state() == JobState.RUNNING);
    }

    @Test
    void asksSacctOnceForAllJobsSqueueForgot() {
        List<String> ids = ids(1000, 200);
        runner.answer("squeue", squeueLines(ids.subList(0, 150), "PENDING"));
        runner.answer("sacct", ids.subList(150, 200).stream()
                .map(id -> id + "|COMPLETED|0:0|None|2026-11-26T13:47:30|2026-11-26T13:47:31\n")
                .collect(Collectors.joining()));

        Map<String, SchedulerStatus> statuses = slurm().status(ids);

        assertThat(runner.programs()).containsExactly("squeue", "sacct");
        assertThat(runner.commands("sacct").get(0)).contains("--jobs=" + String.join(",", ids.subList(150, 200)));
        assertThat(statuses.get("1000").state()).isEqualTo(JobState.QUEUED);
        assertThat(statuses.get("1199").state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aFailingSqueueMakesEveryJobUnknownNeverDone() {
        runner.fail("squeue", 1, "slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n");

        Map<String, SchedulerStatus> statuses = slurm().status(List.of("1", "2"));

        assertThat(statuses.values()).extracting(SchedulerStatus::state).containsOnly(JobState.UNKNOWN);
        assertThat(statuses.get("1").reason()).contains("Unable to contact slurm controller");
        assertThat(runner.programs()).containsExactly("squeue");
    }

    @Test
    void aJobNeitherSqueueNorSacctKnowsIsUnknown() {
        runner.answer("squeue", "").fail("sacct", 1, "sacct: error: Problem talking to the database: Connection refused");

        assertThat(slurm().status(List.of("77")).get("77").state()).isEqualTo(JobState.UNKNOWN);
    }

    @Test
    void takesTheExitCodeFromTheWrappersFileFirst() throws Exception {
        runner.answer("sbatch", "44\n").answer("squeue", "44|FAILED|NonZeroExitCode|2026-11-26T13:47:31|2026-11-26T13:47:31\n");
        GridScheduler scheduler = slurm();
        JobSubmission job = jobIn("a");
        scheduler.submit(job);
        Files.writeString(job.files().exitCode(), "3\n");

        SchedulerStatus status = scheduler.status(List.of("44")).get("44");

        assertThat(status.state()).isEqualTo(JobState.FAILED);
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(runner.programs()).containsExactly("sbatch", "squeue");
    }

    @Test
    void takesTheExitCodeFromSacctWhenTheWrapperLeftNone() throws Exception {
        runner.answer("sbatch", "44\n")
                .answer("squeue", "44|FAILED|NonZeroExitCode|2026-11-26T13:47:31|2026-11-26T13:47:31\n")
                .answer("sacct", "44|FAILED|2:0|None|2026-11-26T13:47:31|2026-11-26T13:47:31\n");
        GridScheduler scheduler = slurm();
        scheduler.submit(jobIn("a"));

        SchedulerStatus status = scheduler.status(List.of("44")).get("44");

        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(runner.programs()).containsExactly("sbatch", "squeue", "sacct");
    }

    @Test
    void cancelsAJobWhoseDependencyCanNeverBeSatisfied() {
        runner.answer("squeue", "45|PENDING|DependencyNeverSatisfied|N/A|N/A\n").answer("sacct", "").answer("scancel", "");

        SchedulerStatus status = slurm().status(List.of("45")).get("45");

        assertThat(status.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(runner.commands("scancel")).containsExactly(List.of("scancel", "45"));
    }

    @Test
    void doesNotAskAccountingForTheExitCodeOfAJobThatNeverRan() throws Exception {
        runner.answer("sbatch", "45\n")
                .answer("squeue", "45|CANCELLED|DependencyNeverSatisfied|2026-11-26T13:47:32|2026-11-26T13:47:32\n")
                .answer("scancel", "");
        GridScheduler scheduler = slurm();
        scheduler.submit(jobIn("a"));

        SchedulerStatus status = scheduler.status(List.of("45")).get("45");

        assertThat(status.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(status.exitCode()).isNull();
        assertThat(runner.programs()).as("Slurm ended it already: nothing to ask, nothing to cancel")
                .containsExactly("sbatch", "squeue");
    }

    @Test
    void cancelsInBatchesAndIgnoresJobsThatHadEnded() throws Exception {
        runner.fail("scancel", 1, "scancel: error: Kill job error on job id 3: Job/step already completing or completed");

        slurm().cancel(ids(1, 450));

        assertThat(runner.programs()).containsExactly("scancel", "scancel", "scancel");
    }

    @Test
    void aCancelTheControllerRefusesIsAnError() {
        runner.fail("scancel", 1, "scancel: error: Kill job error on job id 3: Access/permission denied");

        assertThatThrownBy(() -> slurm().cancel(List.of("3")))
                .isInstanceOf(SchedulerException.class).hasMessageContaining("Access/permission denied");
    }

    @Test
    void detectsSlurmOnlyWhenTheControllerAnswers() {
        SlurmDialect dialect = new SlurmDialect();
        runner.fail("scontrol", 1, "Slurmctld(primary) at localhost is DOWN");

        assertThat(GridScheduler.available(dialect, runner, Duration.ofSeconds(1))).isFalse();
        assertThat(GridScheduler.fromSettings(dialect, runner,
                GridSettings.defaults("slurm").withMode(GridSettings.Mode.OFF))).isEmpty();
    }

    @Test
    void runsEveryCommandFromTheConfiguredBinDir() throws Exception {
        // given Slurm's commands in a directory of their own, not on the PATH
        Path bin = Files.createDirectories(work.resolve("opt/slurm/bin"));
        String sbatch = bin.resolve("sbatch").toString();
        String squeue = bin.resolve("squeue").toString();
        runner.answer(sbatch, "4711\n");
        runner.answer(squeue, "4711|RUNNING|None|2026-11-26T13:47:30|NONE\n");
        GridScheduler slurm = slurm(GridSettings.defaults("slurm").withBinDir(bin));

        // when a job is submitted and polled
        String id = slurm.submit(jobIn("a"));
        SchedulerStatus status = slurm.status(List.of(id)).get(id);

        // then both commands ran from that directory
        assertThat(runner.programs()).containsExactly(sbatch, squeue);
        assertThat(status.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void detectsABackendOnlyWhereItsBinDirHoldsTheSubmitProgram() throws Exception {
        // given a bin_dir with scontrol answering but no sbatch in it
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path scontrol = Files.createFile(bin.resolve("scontrol"));
        scontrol.toFile().setExecutable(true);
        runner.answer(scontrol.toString(), "Slurmctld(primary) at vm is UP\n");
        GridSettings settings = GridSettings.defaults("slurm").withBinDir(bin);

        // then Slurm is not detected; with sbatch there too, it is, and the ping ran from bin_dir
        assertThat(GridScheduler.available(new SlurmDialect(), runner, settings, Duration.ofSeconds(1))).isFalse();
        Files.createFile(bin.resolve("sbatch")).toFile().setExecutable(true);
        assertThat(GridScheduler.available(new SlurmDialect(), runner, settings, Duration.ofSeconds(1))).isTrue();
        assertThat(runner.programs()).containsExactly(scontrol.toString());
    }
}
