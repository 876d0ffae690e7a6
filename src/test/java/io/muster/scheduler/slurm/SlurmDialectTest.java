package io.muster.scheduler.slurm;

import static io.muster.scheduler.ASubmission.aJob;
import static io.muster.scheduler.slurm.Fixtures.idOf;
import static io.muster.scheduler.slurm.Fixtures.lines;
import static io.muster.scheduler.slurm.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.muster.api.JobState;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.SchedulerStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlurmDialectTest {

    private final SlurmDialect slurm = new SlurmDialect(ZoneOffset.UTC);

    private Map<String, JobState> statesIn(Map<String, SchedulerStatus> statuses) {
        return statuses.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().state()));
    }

    /** Each line parsed on its own: the fixtures list one job in several states. */
    private SchedulerStatus squeueLine(String line) {
        return slurm.parseStatus(line, List.of(idOf(line))).get(idOf(line));
    }

    private SchedulerStatus sacctLine(String line) {
        return slurm.parseAccounting(line, List.of(idOf(line))).get(idOf(line));
    }

    @Nested
    class Submitting {

        @Test
        void rendersTheResourceOptionsAsSbatchDirectives() {
            JobSubmission job = aJob().named("align").in(Path.of("/data/jobs/j1"))
                    .with("cores", 2).with("mem", "512MB").with("time", "00:05:00").with("partition", "short")
                    .build();

            assertThat(slurm.directives(job)).containsExactly(
                    "#SBATCH --job-name=align",
                    "#SBATCH --chdir=/data/jobs/j1",
                    "#SBATCH --output=/data/jobs/j1/slurm.out",
                    "#SBATCH --comment=muster:" + job.id(),
                    "#SBATCH --cpus-per-task=2",
                    "#SBATCH --mem=512",
                    "#SBATCH --time=00:05:00",
                    "#SBATCH --partition=short");
        }

        @Test
        void rendersNodesAsTasksAsFyrdDidAndLongTimesInHours() {
            JobSubmission job = aJob().with("nodes", 3).with("time", "1-12:00:00").build();

            assertThat(slurm.directives(job)).contains("#SBATCH --ntasks=3", "#SBATCH --time=36:00:00");
            assertThat(slurm.directives(aJob().build())).noneMatch(d -> d.contains("--ntasks"))
                    .contains("#SBATCH --cpus-per-task=1");
        }

        @Test
        void submitsTheWrapperWithParsableOutput() {
            assertThat(slurm.submitCommand(aJob().build(), Path.of("/j/wrapper.sh")))
                    .containsExactly("sbatch", "--parsable", "/j/wrapper.sh");
        }

        @Test
        void dependsAfterOkByDefaultAndAfterAnyOnRequest() {
            assertThat(slurm.submitCommand(aJob().after("41", "42").build(), Path.of("/w")))
                    .containsExactly("sbatch", "--parsable", "--dependency=afterok:41:42", "/w");
            assertThat(slurm.submitCommand(aJob().afterAny("41").build(), Path.of("/w")))
                    .containsExactly("sbatch", "--parsable", "--dependency=afterany:41", "/w");
        }

        @Test
        void readsTheJobIdThatParsableSbatchPrints() {
            assertThat(slurm.parseSubmitted("37\n")).isEqualTo("37");
            assertThat(slurm.parseSubmitted("4242;cluster2\n")).isEqualTo("4242");
            assertThat(slurm.parseSubmitted("sbatch: warning: something odd\n51\n")).isEqualTo("51");
        }

        @Test
        void rejectsSubmitOutputWithoutAJobId() {
            assertThatThrownBy(() -> slurm.parseSubmitted("Submitted batch job\n"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Submitted batch job");
        }

        @Test
        void keepsSbatchsOwnWordsWithoutItsPrefixes() {
            CommandResult refused = new CommandResult(List.of("sbatch"), 1, "",
                    "sbatch: error: invalid partition specified: nosuch\n"
                            + "sbatch: error: Batch job submission failed: Invalid partition name specified\n");

            assertThat(slurm.errorMessage(refused)).isEqualTo(
                    "invalid partition specified: nosuch; Batch job submission failed: Invalid partition name specified");
            assertThat(slurm.isTransient(refused)).isFalse();
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
                "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation; true",
                "squeue: error: Unable to contact slurm controller (connect failure); true",
                "slurm_load_jobs error: Socket timed out on send/recv operation; true",
                "sbatch: error: Slurm temporarily unable to accept job, sleeping and retrying; true",
                "sbatch: error: Batch job submission failed: Requested node configuration is not available; false",
                "sbatch: error: Batch job submission failed: More processors requested than permitted; false",
                "sbatch: error: Memory specification can not be satisfied; false"})
        void retriesOnlyWhenTheControllerDidNotAnswer(String stderr, boolean retry) {
            assertThat(slurm.isTransient(new CommandResult(List.of("sbatch"), 1, "", stderr))).isEqualTo(retry);
        }
    }

    @Nested
    class Polling {

        @Test
        void asksOneSqueueForEveryJobOfTheUser() {
            List<String> ids = IntStream.range(1, 201).mapToObj(String::valueOf).toList();

            assertThat(slurm.statusCommand("alice", ids)).containsExactly("squeue", "--all", "--noheader",
                    "--user=alice", "--states=all", "--format=%i|%T|%r|%S|%e|%P|%N|%D|%C|%u|%k|%j");
        }

        @Test
        void readsJustSubmittedJobsAsQueuedOrHeld() {
            Map<String, SchedulerStatus> statuses = slurm.parseStatus(text("squeue-queued.txt"),
                    List.of("43", "44", "45", "46", "47", "48", "49", "50", "51", "52"));

            assertThat(statesIn(statuses)).containsOnly(
                    entry("43", JobState.QUEUED), entry("44", JobState.QUEUED),
                    entry("45", JobState.QUEUED), entry("46", JobState.QUEUED),
                    entry("47", JobState.QUEUED), entry("48", JobState.QUEUED),
                    entry("49", JobState.HELD), entry("50", JobState.QUEUED),
                    entry("51", JobState.QUEUED), entry("52", JobState.HELD));
            assertThat(statuses.get("45").reason()).isEqualTo("Dependency");
            assertThat(statuses.get("43").started()).isNull();
        }

        @Test
        void readsEndedJobsWithTheirTimes() {
            Map<String, SchedulerStatus> statuses = slurm.parseStatus(text("squeue-ended.txt"),
                    List.of("43", "44", "45", "46", "47", "48", "49", "50", "51", "52"));

            assertThat(statesIn(statuses)).containsOnly(
                    entry("43", JobState.COMPLETED), entry("44", JobState.FAILED),
                    entry("45", JobState.DEPENDENCY_FAILED), entry("46", JobState.COMPLETED),
                    entry("47", JobState.COMPLETED), entry("48", JobState.CANCELLED),
                    entry("49", JobState.HELD), entry("50", JobState.COMPLETED),
                    entry("51", JobState.RUNNING), entry("52", JobState.HELD));
            assertThat(statuses.get("44").reason()).isEqualTo("NonZeroExitCode");
            assertThat(statuses.get("47").started()).isEqualTo(Instant.parse("2026-11-26T13:47:40Z"));
            assertThat(statuses.get("47").ended()).isEqualTo(Instant.parse("2026-11-26T13:48:20Z"));
            assertThat(statuses.get("51").ended()).as("squeue prints the expected end of a running job").isNull();
        }

        @Test
        void leavesOutJobsSqueueDoesNotShow() {
            assertThat(slurm.parseStatus(text("squeue-ended.txt"), List.of("43", "999"))).containsOnlyKeys("43");
            assertThat(slurm.parseStatus("", List.of("43"))).isEmpty();
        }

        @Test
        void readsEveryStateAJobPassedThrough() {
            Map<String, JobState> seen = lines("squeue-transitions.txt").stream()
                    .collect(Collectors.toMap(Function.identity(), l -> squeueLine(l).state()));

            assertThat(seen).containsOnly(
                    entry("84|COMPLETING|None|2026-11-26T13:50:13|NONE", JobState.COMPLETING),
                    entry("84|PENDING|BeginTime|2026-11-26T13:52:14|NONE", JobState.QUEUED),
                    entry("84|PENDING|JobHeldAdmin|2026-11-26T13:52:14|NONE", JobState.HELD),
                    entry("84|RUNNING|None|2026-11-26T13:50:10|NONE", JobState.RUNNING),
                    entry("85|CANCELLED|None|2026-11-26T13:50:13|2026-11-26T13:50:14", JobState.CANCELLED),
                    entry("85|PENDING|Resources|2027-11-26T13:50:03|NONE", JobState.QUEUED),
                    entry("85|RUNNING|None|2026-11-26T13:50:13|NONE", JobState.RUNNING),
                    // cancelled by its user while waiting: a cancel, not a failed dependency
                    entry("86|CANCELLED|Dependency|2026-11-26T13:50:12|2026-11-26T13:50:12", JobState.CANCELLED),
                    entry("86|PENDING|Dependency|N/A|N/A", JobState.QUEUED));
        }

        @Test
        void readsTheStatesATestClusterCannotProduce() {
            Map<String, JobState> seen = lines("squeue-composed.txt").stream()
                    .collect(Collectors.toMap(Fixtures::idOf, l -> squeueLine(l).state()));

            assertThat(seen).containsOnly(
                    entry("101", JobState.QUEUED), entry("102", JobState.SUSPENDED),
                    entry("103", JobState.TIMEOUT), entry("104", JobState.OUT_OF_MEMORY),
                    entry("105", JobState.NODE_FAIL), entry("106", JobState.PREEMPTED),
                    entry("107", JobState.REQUEUED), entry("108", JobState.NODE_FAIL),
                    entry("109", JobState.TIMEOUT), entry("110", JobState.DEPENDENCY_FAILED));
        }

        @Test
        void refusesLinesItCannotRead() {
            assertThatThrownBy(() -> slurm.parseStatus("43 COMPLETED None\n", List.of("43")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("43 COMPLETED None");
            assertThatThrownBy(() -> slurm.parseStatus("43|COMPLETED|None|yesterday|N/A\n", List.of("43")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
        }

        @Test
        void anUnknownSlurmStateIsUnknownNeverDone() {
            SchedulerStatus status = squeueLine("77|SOMETHING_NEW|None|N/A|N/A");

            assertThat(status.state()).isEqualTo(JobState.UNKNOWN);
            assertThat(status.reason()).contains("SOMETHING_NEW");
        }
    }

    @Nested
    class Arrays {

        @Test
        void anArrayRunsWhileAnyTaskRuns() {
            SchedulerStatus status = slurm.parseStatus(text("squeue-array-running.txt"), List.of("31")).get("31");

            assertThat(status.state()).isEqualTo(JobState.RUNNING);
            assertThat(status.started()).isEqualTo(Instant.parse("2026-11-26T13:46:47Z"));
        }

        @Test
        void findsOneTaskInsideAPendingRangeWithALimit() {
            Map<String, SchedulerStatus> statuses = slurm.parseStatus(text("squeue-array-limit.txt"),
                    List.of("31_0", "31_2", "31_3", "31_9"));

            assertThat(statesIn(statuses)).containsOnly(entry("31_0", JobState.RUNNING),
                    entry("31_2", JobState.QUEUED), entry("31_3", JobState.QUEUED));
            assertThat(statuses.get("31_2").reason()).isEqualTo("JobArrayTaskLimit");
        }

        @Test
        void anArrayIsCompletedWhenEveryTaskIs() {
            SchedulerStatus status = slurm.parseStatus(text("squeue-array-done.txt"), List.of("31")).get("31");

            assertThat(status.state()).isEqualTo(JobState.COMPLETED);
            assertThat(status.started()).isEqualTo(Instant.parse("2026-11-26T13:46:47Z"));
            assertThat(status.ended()).isEqualTo(Instant.parse("2026-11-26T13:46:55Z"));
        }

        @Test
        void anArrayWithAFailedTaskFailedOnceNoTaskWaits() {
            String tasks = text("squeue-array-done.txt").replace("31_2|COMPLETED|None", "31_2|FAILED|NonZeroExitCode");

            assertThat(slurm.parseStatus(tasks, List.of("31")).get("31").state()).isEqualTo(JobState.FAILED);
            String oneWaits = tasks + "31_[4-5%2]|PENDING|JobArrayTaskLimit|N/A|N/A\n";
            assertThat(slurm.parseStatus(oneWaits, List.of("31")).get("31").state()).isEqualTo(JobState.QUEUED);
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
                "13; 13; ''",
                "13_0; 13; 0",
                "13_[1-2]; 13; 1-2",
                "5_[2-3%2]; 5; 2-3",
                "7_[1,4-8:2]; 7; 1,4-8:2",
                "9+0; 9; ''"})
        void parsesArrayIds(String text, String job, String tasks) {
            ArrayId id = ArrayId.parse(text);

            assertThat(id.job()).isEqualTo(job);
            assertThat(id.tasks()).isEqualTo(tasks.isEmpty() ? null : tasks);
        }

        @Test
        void knowsWhichTasksARangeHolds() {
            ArrayId range = ArrayId.parse("7_[1,4-8:2]");

            assertThat(IntStream.rangeClosed(0, 9).filter(range::contains).boxed().toList())
                    .containsExactly(1, 4, 6, 8);
            assertThatThrownBy(() -> ArrayId.parse("13_x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Accounting {

        /** Regression: a finished job's sacct row keeps its last waiting reason. */
        @Test
        void dropsTheWaitingReasonOfAJobThatRanOrEnded() {
            // given sacct rows of a completed and a running job whose reason column still says Resources
            SchedulerStatus completed = sacctLine("61|COMPLETED|0:0|Resources|2026-11-26T10:00:00|2026-11-26T10:00:05"
                    + "|debug|node1|1|1");
            SchedulerStatus pending = squeueLine("62|PENDING|Resources|N/A|N/A");

            // then the ended job has no reason, the waiting one keeps its own
            assertThat(completed.state()).isEqualTo(JobState.COMPLETED);
            assertThat(completed.reason()).isNull();
            assertThat(pending.reason()).isEqualTo("Resources");
        }

        /** Regression: kill -9 $$ showed FAILED with reason JobLaunchFailure; the job did launch. */
        @Test
        void aJobKilledByASignalFailsWith128PlusTheSignalAndSaysSo() {
            // given sacct's row of a job whose script died by signal 9, with Slurm's reason JobLaunchFailure
            SchedulerStatus killed = sacctLine("63|FAILED|0:9|JobLaunchFailure|2026-11-26T10:00:00|2026-11-26T10:00:01"
                    + "|debug|node1|1|1");

            // then it failed with 137, killed by signal 9
            assertThat(killed.state()).isEqualTo(JobState.FAILED);
            assertThat(killed.exitCode()).isEqualTo(137);
            assertThat(killed.reason()).isEqualTo("killed by signal 9");
        }

        @Test
        void settlesSqueuesJobLaunchFailureOfAJobWhoseWrapperStartedAsKilledBySignal() {
            // given squeue's FAILED with JobLaunchFailure and accounting's 137, for a job whose wrapper had started
            SchedulerStatus listed = new SchedulerStatus(JobState.FAILED, 137, "JobLaunchFailure", null, null);
            io.muster.scheduler.JobTrace started = new io.muster.scheduler.JobTrace(null, true, false, false);
            io.muster.scheduler.JobTrace neverStarted = new io.muster.scheduler.JobTrace(null, false, false, false);

            // when it is settled, then the reason says what happened; a job that never started keeps Slurm's
            assertThat(slurm.settle(listed, started).reason()).isEqualTo("killed by signal 9");
            assertThat(slurm.settle(listed, started).exitCode()).isEqualTo(137);
            assertThat(slurm.settle(listed, neverStarted).reason()).isEqualTo("JobLaunchFailure");
        }

        @Test
        void asksSacctForAllForgottenJobsInOneCall() {
            assertThat(slurm.accountingCommand(List.of("43", "44", "46")).orElseThrow()).containsExactly(
                    "sacct", "--parsable2", "--allocations", "--noheader", "--jobs=43,44,46",
                    "--format=JobID,State,ExitCode,Reason,Start,End,Partition,NodeList,NNodes,AllocCPUS");
        }

        @Test
        void readsStatesAndExitCodesFromAccounting() {
            Map<String, SchedulerStatus> statuses = slurm.parseAccounting(text("sacct-ended.txt"),
                    List.of("43", "44", "45", "46", "48", "51", "85", "86"));

            assertThat(statesIn(statuses)).containsOnly(
                    entry("43", JobState.COMPLETED), entry("44", JobState.FAILED),
                    entry("45", JobState.DEPENDENCY_FAILED), entry("46", JobState.COMPLETED),
                    entry("48", JobState.CANCELLED), entry("51", JobState.TIMEOUT),
                    entry("85", JobState.CANCELLED), entry("86", JobState.CANCELLED));
            assertThat(statuses.get("44").exitCode()).isEqualTo(3);
            assertThat(statuses.get("43").exitCode()).isZero();
            assertThat(statuses.get("45").exitCode()).as("never started: accounting's 0:0 means nothing").isNull();
            assertThat(statuses.get("48").exitCode()).isNull();
            assertThat(statuses.get("51").ended()).isEqualTo(Instant.parse("2026-11-26T13:49:33Z"));
        }

        @Test
        void readsARequeueFromAccounting() {
            assertThat(sacctLine(lines("sacct-requeued.txt").get(0)).state()).isEqualTo(JobState.REQUEUED);
        }

        @Test
        void readsTheComposedStatesFromAccounting() {
            Map<String, SchedulerStatus> statuses = lines("sacct-composed.txt").stream()
                    .collect(Collectors.toMap(Fixtures::idOf, SlurmDialectTest.this::sacctLine));

            assertThat(statesIn(statuses)).containsOnly(
                    entry("104", JobState.OUT_OF_MEMORY), entry("105", JobState.NODE_FAIL),
                    // only accounting still knows 106: preempted and never requeued
                    entry("106", JobState.CANCELLED), entry("108", JobState.NODE_FAIL),
                    entry("109", JobState.TIMEOUT));
            assertThat(statuses.get("106").exitCode()).as("killed by signal 15").isEqualTo(143);
        }

        @Test
        void theBatchStepRepeatsTheJobSoOnlyAllocationsAreAsked() {
            Map<String, SchedulerStatus> withSteps = slurm.parseAccounting(text("sacct-with-steps.txt"), List.of("85"));

            assertThat(withSteps.get("85").state()).isEqualTo(JobState.CANCELLED);
        }

        @ParameterizedTest
        @CsvSource({"0:0, 0", "3:0, 3", "0:15, 143", "0:9, 137", "1, 1"})
        void readsExitCodesAsCodeColonSignal(String text, int code) {
            assertThat(SlurmDialect.exitCode(text)).isEqualTo(code);
        }
    }

    @Nested
    class StateTable {

        @ParameterizedTest(name = "{0} ({1}) is {2}")
        @CsvSource({
                "PENDING, Priority, QUEUED",
                "PENDING, JobHeldUser, HELD",
                "PENDING, DependencyNeverSatisfied, DEPENDENCY_FAILED",
                "CONFIGURING, None, QUEUED",
                "RUNNING, None, RUNNING",
                "COMPLETING, None, COMPLETING",
                "COMPLETED, None, COMPLETED",
                "FAILED, NonZeroExitCode, FAILED",
                "CANCELLED, None, CANCELLED",
                "CANCELLED by 0, None, CANCELLED",
                "CANCELLED by 1000, Dependency, CANCELLED",
                "CANCELLED, DependencyNeverSatisfied, DEPENDENCY_FAILED",
                "TIMEOUT, TimeLimit, TIMEOUT",
                "OUT_OF_MEMORY, OutOfMemory, OUT_OF_MEMORY",
                "NODE_FAIL, NodeDown, NODE_FAIL",
                "PREEMPTED, None, PREEMPTED",
                "SUSPENDED, None, SUSPENDED",
                "REQUEUED, None, REQUEUED",
                "BOOT_FAIL, None, NODE_FAIL",
                "DEADLINE, DeadLine, TIMEOUT"})
        void mapsEachSlurmState(String slurmState, String reason, JobState expected) {
            assertThat(SlurmDialect.state(slurmState, reason, false)).isEqualTo(expected);
        }

        @Test
        void onlyAccountingReadsAPlainCancelWithReasonDependencyAsAFailedDependency() {
            assertThat(SlurmDialect.state("CANCELLED", "Dependency", true)).isEqualTo(JobState.DEPENDENCY_FAILED);
            assertThat(SlurmDialect.state("CANCELLED", "Dependency", false)).isEqualTo(JobState.CANCELLED);
        }

        @Test
        void aPreemptedJobThatOnlyAccountingRemembersWasCancelledForGood() {
            // given squeue no longer lists the job (PreemptMode=CANCEL, past MinJobAge)
            String sacct = "42|PREEMPTED|0:15|None|2026-11-26T10:00:00|2026-11-26T10:05:00\n";

            // when
            SchedulerStatus status = slurm.parseAccounting(sacct, List.of("42")).get("42");

            // then it is final, not polled for ever as "may be requeued"
            assertThat(status.state()).isEqualTo(JobState.CANCELLED);
            assertThat(status.reason()).isEqualTo("preempted and not requeued");
            assertThat(SlurmDialect.state("PREEMPTED", "None", false)).isEqualTo(JobState.PREEMPTED);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelsInBatches() {
            List<String> ids = IntStream.range(1000, 1450).mapToObj(String::valueOf).toList();

            List<List<String>> commands = slurm.cancelCommands(ids);

            assertThat(commands).hasSize(3);
            assertThat(commands).allSatisfy(c -> assertThat(c.get(0)).isEqualTo("scancel"));
            assertThat(commands.stream().mapToInt(c -> c.size() - 1).sum()).isEqualTo(450);
            assertThat(commands.get(0)).hasSize(SlurmDialect.CANCEL_BATCH + 1);
        }

        @Test
        void aCancelOfAnEndedJobIsNothingToDo() {
            CommandResult ended = new CommandResult(List.of("scancel", "43"), 1, "",
                    "scancel: error: Kill job error on job id 43: Job/step already completing or completed\n");

            assertThat(slurm.cancelledAlready(ended)).isTrue();
            assertThat(slurm.cancelledAlready(new CommandResult(List.of("scancel"), 1, "",
                    "scancel: error: Unable to contact slurm controller (connect failure)"))).isFalse();
        }
    }

    /** squeue lines in Muster's format, as the status call prints them (partition, nodes, CPUs, user, tag, name). */
    private static final String QUEUE = String.join("\n",
            "71|PENDING|Resources|N/A|N/A|debug||1|2|ann|muster:mwxabcde-11111|align",
            "72|RUNNING|None|2026-11-26T13:54:08|2026-11-26T17:54:08|debug|vm[1-2]|2|4|ann||not|from|muster",
            "73|PENDING|Dependency|N/A|N/A|long|(null)|1|1|ann||after") + "\n";

    @Test
    void issue12_theStatusCallShowsThePartitionSlurmChoseTheNodesAndTheCpus() {
        Map<String, SchedulerStatus> s = slurm.parseStatus(QUEUE, List.of("71", "72", "73"));

        assertThat(s.get("71").placement()).isEqualTo(new io.muster.job.Placement("debug", null, 1, 2));
        assertThat(s.get("71").reason()).isEqualTo("Resources");
        assertThat(s.get("72").placement()).isEqualTo(new io.muster.job.Placement("debug", "vm[1-2]", 2, 4));
        assertThat(s.get("73").reason()).isEqualTo("Dependency");
        assertThat(s.get("73").placement().nodes()).isNull();
        assertThat(slurm.statusCommand("ann", List.of("71")))
                .contains("--format=" + SlurmDialect.SQUEUE_FORMAT).contains("--user=ann");
    }

    @Test
    void issue12_theUsersWholeQueueComesFromTheSameSqueueWithMustersTagAndNames() {
        List<io.muster.scheduler.SchedulerJob> queue = slurm.parseQueue(QUEUE, "ann");

        assertThat(slurm.queueCommand("ann")).isEqualTo(slurm.statusCommand("ann", List.of()));
        assertThat(queue).extracting(io.muster.scheduler.SchedulerJob::schedulerId).containsExactly("71", "72", "73");
        assertThat(queue.get(0).musterId()).isEqualTo("mwxabcde-11111");
        assertThat(queue.get(1).musterId()).isNull();
        assertThat(queue.get(1).name()).isEqualTo("not|from|muster");
        assertThat(queue.get(1).status().state()).isEqualTo(io.muster.api.JobState.RUNNING);
    }
}
