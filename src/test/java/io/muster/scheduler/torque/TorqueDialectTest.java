package io.muster.scheduler.torque;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.JobTrace;
import io.muster.scheduler.SchedulerStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TorqueDialectTest {

    private final TorqueDialect torque = new TorqueDialect(ZoneOffset.UTC, TorqueDialect.QstatFormat.FULL);

    static String fixture(String name) {
        try (InputStream in = TorqueDialectTest.class.getResourceAsStream("/torque/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SchedulerStatus statusIn(String fixture, String id) {
        return torque.parseStatus(fixture(fixture), List.of(id)).get(id);
    }

    private static JobTrace trace(Integer exitCode) {
        return new JobTrace(exitCode, true, false, false);
    }

    @Nested
    class Submitting {

        @Test
        void rendersTheResourceOptionsAsPbsDirectives() {
            JobSubmission job = aJob().named("align").withId("mx4u2lwu-1ik5b").with("cores", 5).with("nodes", 2).with("mem", "2000MB")
                    .with("time", "00:00:20").with("partition", "large").build();

            assertThat(torque.directives(job)).containsExactly(
                    "#PBS -N align-1ik5b",
                    "#PBS -l nodes=2:ppn=5",
                    "#PBS -l mem=2000MB",
                    "#PBS -l walltime=00:00:20",
                    "#PBS -q large");
        }

        @Test
        void submitsAnArrayWithAStepAsTheTorqueIndexListOnTheCommandLine() {
            // given an array with a step
            JobSubmission job = aJob().with("array", "0-4:2").build();

            // when it is submitted, then qsub gets -t with its indices, in the script and on its command line
            assertThat(torque.directives(job)).contains("#PBS -t 0,2,4");
            assertThat(torque.submitCommand(job, Path.of("/w/wrapper.sh"))).containsSubsequence("-t", "0,2,4");
            assertThat(torque.check(job.options())).isEmpty();
        }

        @Test
        void refusesAStepTooLongToWriteOutNamingTheValue() {
            // given a stepped range of a million indices
            JobSubmission job = aJob().with("array", "0-2000000:2").build();

            // when it is checked at submission, then it is refused, naming the value
            assertThat(torque.check(job.options())).singleElement().satisfies(v -> {
                assertThat(v.option()).isEqualTo("array");
                assertThat(v.message()).contains("0-2000000:2");
            });
        }

        @Test
        void asksForOneNodeWithOneCoreByDefaultAndWritesLongTimesInHours() {
            assertThat(torque.directives(aJob().withId("mx4u2lwu-1ik5b").build()))
                    .containsExactly("#PBS -N job-1ik5b", "#PBS -l nodes=1:ppn=1");
            assertThat(torque.directives(aJob().with("time", "1-12:00:00").build()))
                    .contains("#PBS -l walltime=36:00:00");
        }

        @Test
        void cutsNamesToTheFifteenCharactersPbsAllowsWithALetterFirstEndingInTheIdsTail() {
            JobId id = JobId.of("mx4u2lwu-1ik5b");
            assertThat(TorqueDialect.pbsName("a-very-long-alignment-step", id)).isEqualTo("a-very-lo-1ik5b").hasSize(15);
            assertThat(TorqueDialect.pbsName("2024-run", id)).isEqualTo("j2024-run-1ik5b");
            assertThat(TorqueDialect.pbsName("align", id)).isEqualTo("align-1ik5b");
            assertThat(TorqueDialect.pbsName(null, id)).isEqualTo("muster-1ik5b");
            assertThat(torque.directives(aJob().named("a-very-long-alignment-step").withId(id.value()).build()))
                    .startsWith("#PBS -N a-very-lo-1ik5b");
        }

        @Test
        void namesJobsOfOneNameApartByTheirIds() {
            // regression (#13, crash drill): a burst's jobs all named "echo" were taken for each other after a crash
            assertThat(TorqueDialect.pbsName("echo", JobId.of("mx4u2lwu-1ik5b")))
                    .isNotEqualTo(TorqueDialect.pbsName("echo", JobId.of("mx4u2lwv-9iu9v")));
        }

        @Test
        void submitsTheWrapperWithPbsOwnOutputBesideTheJobsFiles() {
            JobSubmission job = aJob().in(Path.of("/data/jobs/j1")).build();

            assertThat(torque.submitCommand(job, Path.of("/data/jobs/j1/wrapper.sh"))).containsExactly(
                    "qsub", "-o", "/data/jobs/j1/pbs.out", "-e", "/data/jobs/j1/pbs.err", "/data/jobs/j1/wrapper.sh");
        }

        @Test
        void dependsAfterOkByDefaultAndAfterAnyOnRequest() {
            Path wrapper = Path.of("/j/wrapper.sh");

            assertThat(torque.submitCommand(aJob().after("12.head", "13.head").build(), wrapper))
                    .containsSubsequence("-W", "depend=afterok:12.head:13.head", "/j/wrapper.sh");
            assertThat(torque.submitCommand(aJob().afterAny("12").build(), wrapper))
                    .containsSubsequence("-W", "depend=afterany:12", "/j/wrapper.sh");
            assertThat(torque.submitCommand(aJob().build(), wrapper)).doesNotContain("-W");
        }

        @ParameterizedTest
        @CsvSource({
                "'12345.head.example.org\n', 12345.head.example.org",
                "'12346[].head\n', 12346[].head",
                "'87\n', 87",
                "'qsub: warning: memory is rounded\n88\n', 88"})
        void readsTheIdQsubPrints(String stdout, String id) {
            assertThat(torque.parseSubmitted(stdout)).isEqualTo(id);
        }

        @Test
        void anAnswerWithoutAnIdSaysWhatQsubPrinted() {
            assertThatThrownBy(() -> torque.parseSubmitted("There was an error running the Slurm sbatch command.\n"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("qsub printed 'There was an error running the Slurm sbatch command.'");
        }
    }

    @Nested
    class Ids {

        @ParameterizedTest
        @CsvSource({
                "12345.server,      12345, , false",
                "12345,             12345, , false",
                "12345[].server,    12345, , true",
                "12345[],           12345, , true",
                "12345[24],         12345, 24, true",
                "12345[24].head.example.org, 12345, 24, true"})
        void normalisesJobArrayAndTaskIds(String text, String job, Integer index, boolean array) {
            assertThat(PbsId.parse(text)).isEqualTo(new PbsId(job, index, array));
        }

        @Test
        void aWholeArrayHasItsTasksButNotOtherJobs() {
            PbsId array = PbsId.parse("12345[].server");

            assertThat(array.isWholeArray()).isTrue();
            assertThat(array.hasTask(PbsId.parse("12345[3].server"))).isTrue();
            assertThat(array.hasTask(PbsId.parse("12346[3]"))).isFalse();
            assertThat(PbsId.parse("12345[3]").isWholeArray()).isFalse();
        }

        @Test
        void rejectsTextThatIsNoId() {
            assertThatThrownBy(() -> PbsId.parse("qsub: submit error")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'qsub: submit error'");
        }
    }

    @Nested
    class ExecHosts {

        @Test
        void countsTorqueSlotListsAndRangesPerHost() {
            assertThat(ExecHost.parse("node/1,4-6+node2/0").slots()).containsExactly(entry("node", 4), entry("node2", 1));
        }

        @Test
        void countsPbsProSlotsGivenAsIndexTimesCount() {
            assertThat(ExecHost.parse("node1/0*2+node2/0*8").slots()).containsExactly(entry("node1", 2), entry("node2", 8));
        }

        @Test
        void addsUpAHostNamedTwice() {
            assertThat(ExecHost.parse("node01/0-3+node01/4-7").slots()).containsExactly(entry("node01", 8));
        }

        @Test
        void readsSlurmsOneHostForm() {
            assertThat(ExecHost.parse("vm/1").hosts()).containsExactly("vm");
        }

        @Test
        void rejectsAPartWithoutSlotsNamingIt() {
            assertThatThrownBy(() -> ExecHost.parse("node1/0+node2")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'node2'");
            assertThatThrownBy(() -> ExecHost.parse("node1/6-4")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("descending");
        }
    }

    @Nested
    class TorqueXml {

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({
                "12340.head.example.org, Q, QUEUED",
                "12341.head.example.org, H, HELD",
                "12342.head.example.org, W, QUEUED",
                "12343.head.example.org, T, QUEUED",
                "12344.head.example.org, R, RUNNING",
                "12345.head.example.org, E, COMPLETING",
                "12346.head.example.org, S, SUSPENDED",
                "12347.head.example.org, C exit 0, COMPLETED",
                "12348.head.example.org, C exit 3, FAILED",
                "12349.head.example.org, C exit 271, FAILED",
                "12350.head.example.org, C exit -11, TIMEOUT",
                "12351.head.example.org, C exit -10, OUT_OF_MEMORY",
                "12352.head.example.org, C no exit, FAILED"})
        void mapsEveryTorqueState(String id, String code, JobState state) {
            assertThat(statusIn("torque-qstat-x.xml", id).state()).isEqualTo(state);
        }

        @Test
        void takesExitCodesAndReadsSignalsAsAShellDoes() {
            assertThat(statusIn("torque-qstat-x.xml", "12347.head.example.org").exitCode()).isZero();
            assertThat(statusIn("torque-qstat-x.xml", "12348.head.example.org").exitCode()).isEqualTo(3);
            SchedulerStatus killed = statusIn("torque-qstat-x.xml", "12349.head.example.org");
            assertThat(killed.exitCode()).isEqualTo(143);
            assertThat(killed.reason()).isEqualTo("killed by signal 15");
            assertThat(statusIn("torque-qstat-x.xml", "12350.head.example.org").reason())
                    .contains("walltime", "exit_status -11");
        }

        @Test
        void readsEpochTimesAndWhereTheJobRuns() {
            SchedulerStatus running = statusIn("torque-qstat-x.xml", "12344.head.example.org");
            assertThat(running.started()).isEqualTo(Instant.ofEpochSecond(1795683650));
            assertThat(running.placement().nodes()).isEqualTo("node01, node02");
            assertThat(running.reason()).as("where it runs is no reason: it would stay on the ended job").isNull();

            SchedulerStatus done = statusIn("torque-qstat-x.xml", "12347.head.example.org");
            assertThat(done.ended()).isEqualTo(Instant.ofEpochSecond(1795683720));
        }

        @Test
        void keepsTheSchedulersCommentForAWaitingJob() {
            assertThat(statusIn("torque-qstat-x.xml", "12340.head.example.org").reason())
                    .isEqualTo("Not Running: Not enough of the right type of nodes are available");
        }

        @Test
        void flattensNestedAttributesToQstatFullNames() {
            QstatJob running = QstatJob.parse(fixture("torque-qstat-x.xml")).get(4);

            assertThat(running.get("Resource_List.nodes")).isEqualTo("2:ppn=5:bigmem");
            assertThat(running.get("resources_used.walltime")).isEqualTo("00:05:01");
        }

        @Test
        void matchesIdsWithoutTheServerPart() {
            Map<String, SchedulerStatus> statuses = torque.parseStatus(fixture("torque-qstat-x.xml"),
                    List.of("12347", "12348.head"));

            assertThat(statuses).containsOnlyKeys("12347", "12348.head");
        }

        @Test
        void readsAnArrayFromItsOwnLineAndATaskFromItsLine() {
            assertThat(statusIn("torque-qstat-x.xml", "12360[].head.example.org").state()).isEqualTo(JobState.RUNNING);
            assertThat(statusIn("torque-qstat-x.xml", "12360[1].head.example.org").state()).isEqualTo(JobState.COMPLETED);
            assertThat(statusIn("torque-qstat-x.xml", "12360[3]").state()).isEqualTo(JobState.QUEUED);
        }

        @Test
        void rejectsXmlWithoutJobIdsOrNotXmlAtAll() {
            assertThatThrownBy(() -> QstatJob.parse("<Data><Job><job_state>R</job_state></Job></Data>"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without <Job_Id>");
            assertThatThrownBy(() -> QstatJob.parse("<Data><Job>")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no readable XML");
        }

        @Test
        void asksForXmlWhenToldTo() {
            TorqueDialect xml = new TorqueDialect(ZoneOffset.UTC, TorqueDialect.QstatFormat.XML);

            assertThat(xml.statusCommand("alice", List.of("1.head", "2.head"))).containsExactly("qstat", "-x", "1.head",
                    "2.head");
        }
    }

    @Nested
    class QstatFull {

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({
                "4700.pbsserver, F exit 0, COMPLETED",
                "4701.pbsserver, F exit 2, FAILED",
                "4702.pbsserver, F exit 265, FAILED",
                "4703.pbsserver, F exit -10, FAILED",
                "4704.pbsserver, Q, QUEUED",
                "4705.pbsserver, H, HELD",
                "4706.pbsserver, R, RUNNING",
                "4707.pbsserver, E, COMPLETING",
                "4708.pbsserver, S, SUSPENDED",
                "4709.pbsserver, W, QUEUED",
                "4710.pbsserver, T, QUEUED",
                "4711[].pbsserver, B, RUNNING",
                "4711[1].pbsserver, X exit 0, COMPLETED",
                "4711[2].pbsserver, R, RUNNING",
                "4711[3].pbsserver, Q, QUEUED"})
        void mapsEveryPbsProState(String id, String code, JobState state) {
            assertThat(statusIn("pbspro-qstat-f.txt", id).state()).isEqualTo(state);
        }

        @Test
        void anUnknownCodeIsUnknownAndKeepsTheCode() {
            SchedulerStatus harvest = statusIn("pbspro-qstat-f.txt", "4712.pbsserver");

            assertThat(harvest.state()).isEqualTo(JobState.UNKNOWN);
            assertThat(harvest.reason()).isEqualTo("unknown PBS job state 'U'");
        }

        @Test
        void readsPbsProsExitStatusButNotTorquesMeaningOfItsNegativeValues() {
            assertThat(statusIn("pbspro-qstat-f.txt", "4701.pbsserver").exitCode()).isEqualTo(2);
            assertThat(statusIn("pbspro-qstat-f.txt", "4702.pbsserver").exitCode()).isEqualTo(137);
            assertThat(statusIn("pbspro-qstat-f.txt", "4703.pbsserver").reason())
                    .isEqualTo("PBS ended the job with exit_status -10");
        }

        @Test
        void joinsWrappedValuesOntoTheirAttribute() {
            QstatJob finished = QstatJob.parse(fixture("pbspro-qstat-f.txt")).get(0);

            assertThat(finished.get("Variable_List")).isEqualTo("PBS_O_HOME=/home/alice,PBS_O_LANG=en_US.UTF-8,"
                    + "PBS_O_LOGNAME=alice,PBS_O_PATH=/usr/local/bin:/usr/bin:/bin,PBS_O_SHELL=/bin/bash,"
                    + "PBS_O_WORKDIR=/home/alice,PBS_O_SYSTEM=Linux,PBS_O_QUEUE=workq,PBS_O_HOST=login1.example.org");
            assertThat(finished.get("comment")).startsWith("Job run at").endsWith("and finished");
            assertThat(finished.get("etime")).isEqualTo("Thu Nov 26 09:00:00 2026");
        }

        @Test
        void readsStartAndEndTimesInTheServersZone() {
            SchedulerStatus finished = statusIn("pbspro-qstat-f.txt", "4700.pbsserver");

            assertThat(finished.started()).isEqualTo(Instant.parse("2026-11-26T09:00:01Z"));
            assertThat(finished.ended()).isEqualTo(Instant.parse("2026-11-26T09:05:02Z"));
            assertThat(statusIn("torque-qstat-f.txt", "12349.head.example.org").ended())
                    .isEqualTo(Instant.parse("2026-11-06T09:02:40Z"));
        }

        @Test
        void readsTorquesFullFormWithItsWrappedLines() {
            Map<String, SchedulerStatus> statuses = torque.parseStatus(fixture("torque-qstat-f.txt"),
                    List.of("12344.head.example.org", "12349.head.example.org"));

            assertThat(statuses.get("12344.head.example.org").state()).isEqualTo(JobState.RUNNING);
            assertThat(statuses.get("12344.head.example.org").placement().nodes()).isEqualTo("node01, node02");
            assertThat(statuses.get("12349.head.example.org").exitCode()).isEqualTo(143);
            assertThat(QstatJob.parse(fixture("torque-qstat-f.txt")).get(0).get("Variable_List"))
                    .endsWith("PBS_O_HOST=login1.example.org,PBS_O_SERVER=head.example.org");
        }

        @Test
        void readsSlurmsPbsCommandsThatGiveNoExitStatus() {
            Map<String, SchedulerStatus> statuses = torque.parseStatus(fixture("slurm-pbs-qstat-f.txt"),
                    List.of("233", "234", "235", "236"));

            assertThat(statuses).extractingByKeys("233", "234", "235", "236").extracting(SchedulerStatus::state)
                    .containsExactly(JobState.RUNNING, JobState.QUEUED, JobState.SUSPENDED, JobState.FAILED);
            assertThat(statuses.get("236").exitCode()).isNull();
            assertThat(statuses.get("236").reason()).isEqualTo(TorqueDialect.NO_EXIT_STATUS);
            assertThat(statuses.get("233").placement().nodes()).isEqualTo("vm");
            assertThat(statuses.get("233").reason()).isNull();
        }

        @Test
        void leavesOutIdsQstatDoesNotShow() {
            assertThat(torque.parseStatus(fixture("slurm-pbs-qstat-f.txt"), List.of("233", "999"))).containsOnlyKeys("233");
            assertThat(torque.parseStatus("", List.of("233"))).isEmpty();
        }

        @Test
        void rejectsTextThatIsNoQstatOutputNamingTheLine() {
            assertThatThrownBy(() -> torque.parseStatus("qstat: cannot connect to server head\n", List.of("1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
            assertThatThrownBy(() -> torque.parseStatus("Job Id: 7.head\n    Job_Name = x\n", List.of("7")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a job_state");
            assertThatThrownBy(() -> torque.parseStatus("Job Id: 7.head\nnot indented\n", List.of("7")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        }
    }

    @Nested
    class Commands {

        @Test
        void asksOneQstatForEveryTrackedJob() {
            List<String> ids = IntStream.range(0, 300).mapToObj(i -> i + ".head").toList();

            List<String> command = torque.statusCommand("alice", ids);

            assertThat(command).startsWith("qstat", "-f").hasSize(302).endsWith("299.head");
        }

        @Test
        void readsAnAnswerThatOnlyMissesSomeJobs() {
            assertThat(torque.statusAnswered(new CommandResult(List.of("qstat"), 153, "Job Id: 1.head\n",
                    "qstat: Unknown Job Id Error 2.head\n"))).isTrue();
            assertThat(torque.statusAnswered(new CommandResult(List.of("qstat"), 153, "", ""))).isTrue();
            assertThat(torque.statusAnswered(new CommandResult(List.of("qstat"), 35, "",
                    "qstat: 3.pbs Job has finished, use -x or -H to obtain historical job information\n"))).isTrue();
            assertThat(torque.statusAnswered(new CommandResult(List.of("qstat"), 1, "",
                    "qstat: cannot connect to server head (errno=111) Connection refused\n"))).isFalse();
            assertThat(torque.statusAnswered(new CommandResult(List.of("qstat"), 153, "",
                    "Problem loading jobs.\n"))).isFalse();
        }

        @Test
        void cancelsInBatchesOfTwoHundred() {
            List<String> ids = IntStream.range(0, 450).mapToObj(String::valueOf).toList();

            List<List<String>> commands = torque.cancelCommands(ids);

            assertThat(commands).hasSize(3);
            assertThat(commands.get(0)).startsWith("qdel", "0").hasSize(201);
            assertThat(commands.get(2)).hasSize(51).startsWith("qdel", "400").endsWith("449");
        }

        @Test
        void aCancelOfEndedJobsIsNoError() {
            assertThat(torque.cancelledAlready(new CommandResult(List.of("qdel"), 1, "", ""))).isTrue();
            assertThat(torque.cancelledAlready(new CommandResult(List.of("qdel"), 153, "",
                    "qdel: Unknown Job Id 12.head\n"))).isTrue();
            assertThat(torque.cancelledAlready(new CommandResult(List.of("qdel"), 170, "",
                    "qdel: Invalid state for job - COMPLETE 12.head\n"))).isTrue();
            assertThat(torque.cancelledAlready(new CommandResult(List.of("qdel"), 1, "",
                    "qdel: Kill job error on job id 12: Access/permission denied\n"))).isFalse();
        }

        @Test
        void retriesOnlyWhenTheServerDidNotAnswer() {
            assertThat(torque.isTransient(new CommandResult(List.of("qsub"), 1, "",
                    "qsub: cannot connect to server head (errno=111) Connection refused\n"))).isTrue();
            assertThat(torque.isTransient(new CommandResult(List.of("qsub"), 1,
                    "There was an error running the Slurm sbatch command.\n'sbatch: error: Batch job submission failed:"
                            + " Socket timed out on send/recv operation'\n", ""))).isTrue();
            assertThat(torque.isTransient(new CommandResult(List.of("qsub"), 1, "",
                    "qsub: submit error (Unknown queue MSG=cannot locate queue)\n"))).isFalse();
        }

        @Test
        void pingsThePbsServerItself() {
            assertThat(torque.pingCommand()).containsExactly("qstat", "-B");
            assertThat(torque.accountingCommand(List.of("1"))).isEmpty();
        }
    }

    @Nested
    class Settling {

        private SchedulerStatus noExitStatus() {
            return statusIn("slurm-pbs-qstat-f.txt", "236");
        }

        @Test
        void theWrappersExitCodeDecidesWherePbsGivesNone() {
            SchedulerStatus completed = torque.settle(noExitStatus(), trace(0));
            SchedulerStatus failed = torque.settle(noExitStatus(), trace(3));

            assertThat(completed.state()).isEqualTo(JobState.COMPLETED);
            assertThat(completed.exitCode()).isZero();
            assertThat(completed.reason()).isNull();
            assertThat(failed.state()).isEqualTo(JobState.FAILED);
            assertThat(failed.exitCode()).isEqualTo(3);
        }

        @Test
        void aJobMusterCancelledIsCancelledUnlessItCompletedFirst() {
            JobTrace cancelled = new JobTrace(null, true, true, false);

            assertThat(torque.settle(noExitStatus(), cancelled).state()).isEqualTo(JobState.CANCELLED);
            assertThat(torque.settle(statusIn("torque-qstat-x.xml", "12349.head.example.org"), cancelled).state())
                    .isEqualTo(JobState.CANCELLED);
            assertThat(torque.settle(noExitStatus(), new JobTrace(0, true, true, false)).state())
                    .isEqualTo(JobState.COMPLETED);
        }

        @Test
        void aJobEndedBeforeItStartedLostADependencyIfItHadOne() {
            SchedulerStatus dependant = torque.settle(noExitStatus(), new JobTrace(null, false, false, true));
            SchedulerStatus alone = torque.settle(noExitStatus(), new JobTrace(null, false, false, false));

            assertThat(dependant.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
            assertThat(alone.state()).isEqualTo(JobState.FAILED);
            assertThat(alone.reason()).contains("before it started");
        }

        @Test
        void aStartedJobThatRecordedNoExitCodeWasKilledFromOutside() {
            SchedulerStatus killed = torque.settle(noExitStatus(), trace(null));

            assertThat(killed.state()).isEqualTo(JobState.FAILED);
            assertThat(killed.exitCode()).isNull();
            assertThat(killed.reason()).contains("without recording an exit code");
        }

        @Test
        void aStartedJobThatRanItsWholeWalltimeAndRecordedNoExitCodeTimedOut() {
            SchedulerStatus overtime = torque.settle(noExitStatus(), new JobTrace(null, true, false, false, true));

            assertThat(overtime.state()).isEqualTo(JobState.TIMEOUT);
            assertThat(overtime.reason()).contains("whole walltime");
            // an exit code means the command ended by itself, however long it ran
            assertThat(torque.settle(noExitStatus(), new JobTrace(1, true, false, false, true)).state())
                    .isEqualTo(JobState.FAILED);
            // and a cancel stays a cancel
            assertThat(torque.settle(noExitStatus(), new JobTrace(null, true, true, false, true)).state())
                    .isEqualTo(JobState.CANCELLED);
        }

        @Test
        void keepsWhatPbsKnowsBetterThanTheWrapper() {
            SchedulerStatus overtime = statusIn("torque-qstat-x.xml", "12350.head.example.org");

            assertThat(torque.settle(overtime, trace(null)).state()).isEqualTo(JobState.TIMEOUT);
            assertThat(torque.settle(overtime, new JobTrace(null, true, true, false)).state()).isEqualTo(JobState.TIMEOUT);
            SchedulerStatus done = torque.settle(statusIn("torque-qstat-x.xml", "12348.head.example.org"), trace(3));
            assertThat(done.state()).isEqualTo(JobState.FAILED);
            assertThat(done.exitCode()).isEqualTo(3);
        }
    }

    @Test
    void issue12_theStatusCallShowsTheQueueTheHostsTheNodeCountAndTheCpus() {
        SchedulerStatus running = statusIn("slurm-pbs-qstat-f.txt", "233");
        SchedulerStatus queued = statusIn("slurm-pbs-qstat-f.txt", "234");

        assertThat(running.placement()).isEqualTo(new io.muster.job.Placement("debug", "vm", 1, 1));
        assertThat(queued.placement()).isEqualTo(new io.muster.job.Placement("debug", null, 1, 1));
    }

    @Test
    void issue12_theUsersWholeQueueIsEveryJobSheOwnsWithItsName() {
        List<io.muster.scheduler.SchedulerJob> mine = torque.parseQueue(fixture("slurm-pbs-qstat-f.txt"), "root");
        List<io.muster.scheduler.SchedulerJob> others = torque.parseQueue(fixture("slurm-pbs-qstat-f.txt"), "ann");

        assertThat(mine).extracting(io.muster.scheduler.SchedulerJob::schedulerId).containsExactly("233", "234", "235", "236");
        assertThat(mine.get(0).name()).isEqualTo("sleeper");
        assertThat(mine.get(0).user()).isEqualTo("root");
        assertThat(others).isEmpty();
        assertThat(torque.queueCommand("root")).containsExactly("qstat", "-f");
    }

    @Test
    void issue12_anArrayPbsCallsEndedWhileTasksStillRunIsStillRunning() {
        SchedulerStatus ended = new SchedulerStatus(io.muster.api.JobState.FAILED, null, TorqueDialect.NO_EXIT_STATUS,
                null, null);
        io.muster.scheduler.JobTrace tasksRunning = new io.muster.scheduler.JobTrace(null, true, false, false, false, true);
        io.muster.scheduler.JobTrace tasksDone = new io.muster.scheduler.JobTrace(0, true, false, false, false, false);

        assertThat(torque.settle(ended, tasksRunning).state()).isEqualTo(io.muster.api.JobState.RUNNING);
        assertThat(torque.settle(ended, tasksDone).state()).isEqualTo(io.muster.api.JobState.COMPLETED);
    }

    @Test
    void issue12_aJobWhoseWrapperRecordedTheSignalOfItsWalltimeKillTimedOut() {
        SchedulerStatus ended = new SchedulerStatus(io.muster.api.JobState.FAILED, null, TorqueDialect.NO_EXIT_STATUS,
                null, null);
        io.muster.scheduler.JobTrace killedAtLimit = new io.muster.scheduler.JobTrace(143, true, false, false, true);
        io.muster.scheduler.JobTrace failedEarly = new io.muster.scheduler.JobTrace(143, true, false, false, false);

        assertThat(torque.settle(ended, killedAtLimit).state()).isEqualTo(io.muster.api.JobState.TIMEOUT);
        assertThat(torque.settle(ended, failedEarly).state()).isEqualTo(io.muster.api.JobState.FAILED);
    }
}
