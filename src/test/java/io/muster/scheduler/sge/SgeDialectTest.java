package io.muster.scheduler.sge;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.JobState;
import io.muster.options.Keyword;
import io.muster.options.Keywords;
import io.muster.options.OptionColumn;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.JobTrace;
import io.muster.scheduler.SchedulerJob;
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

/**
 * The Grid Engine dialect on canned output: {@code qstat-mixed.xml}, the {@code qacct-*.txt} and
 * {@code qdel-ended.txt} files were captured from Son of Grid Engine 8.1.9 (Debian 12's
 * packages) running the single-node cell of {@code server-config/gridengine/start.sh};
 * {@code qstat-states.xml} is written from qstat(1) for the states that cell did not show.
 */
class SgeDialectTest {

    private final SgeDialect sge = new SgeDialect(ZoneOffset.UTC, "smp", SgeDialect.MemoryResource.H_VMEM);

    static String fixture(String name) {
        try (InputStream in = SgeDialectTest.class.getResourceAsStream("/sge/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SchedulerStatus statusIn(String fixture, String id) {
        return sge.parseStatus(fixture(fixture), List.of(id)).get(id);
    }

    private SchedulerStatus accountingIn(String fixture, String id) {
        return sge.parseAccounting(fixture(fixture), List.of(id)).get(id);
    }

    /** What Muster saw: exit code recorded, started, cancelled, had dependencies, ran past its time. */
    private static JobTrace trace(Integer exitCode, boolean started, boolean cancelled, boolean dependencies,
                                  boolean pastWalltime) {
        return new JobTrace(exitCode, started, cancelled, dependencies, pastWalltime);
    }

    @Nested
    class Submitting {

        @Test
        void writesTheResourceOptionsAsHashDollarDirectives() {
            JobSubmission job = aJob().named("align").in(Path.of("/data/jobs/j1")).with("cores", 4)
                    .with("mem", "8000MB").with("time", "01:00:00").with("partition", "short")
                    .with("account", "lab").build();

            assertThat(sge.directives(job)).startsWith(
                    "#$ -N align",
                    "#$ -S /bin/bash",
                    "#$ -wd /data/jobs/j1",
                    "#$ -o /data/jobs/j1/sge.out",
                    "#$ -e /data/jobs/j1/sge.err",
                    "#$ -pe smp 4",
                    "#$ -l h_vmem=2000M",
                    "#$ -l h_rt=01:00:00",
                    "#$ -q short",
                    "#$ -A lab");
        }

        @Test
        void givesMemoryPerSlotToTheConfiguredComplexAndCoresToTheConfiguredParallelEnvironment() {
            SgeDialect site = new SgeDialect(ZoneOffset.UTC, "threads", SgeDialect.MemoryResource.MEM_FREE);
            JobSubmission job = aJob().with("cores", 3).with("mem", "1000MB").build();

            assertThat(site.directives(job)).contains("#$ -pe threads 3", "#$ -l mem_free=334M");
        }

        @Test
        void asksForNoParallelEnvironmentForOneCore() {
            assertThat(sge.directives(aJob().with("cores", 1).build())).noneMatch(l -> l.contains("-pe"));
        }

        @Test
        void writesMailArraysRequeueAndAStartTime() {
            JobSubmission job = aJob().with("mail", "me@x.org").with("array", "1-10:2%3").with("requeue", false)
                    .with("begin", "2026-12-24T18:30:00").with("export", "ALL").build();

            assertThat(sge.directives(job)).contains("#$ -M me@x.org", "#$ -m ae", "#$ -t 1-10:2", "#$ -tc 3",
                    "#$ -r n", "#$ -a 202612241830.00", "#$ -V");
        }

        @Test
        void warnsAboutWhatGridEngineCannotExpressAndWritesNothingForIt() {
            JobSubmission job = aJob().with("qos", "high").with("gpus", 2).build();

            assertThat(SgeOptions.render(job.options(), "smp", SgeDialect.MemoryResource.H_VMEM).warnings())
                    .anyMatch(w -> w.startsWith("qos=high: Grid Engine cannot express it"))
                    .anyMatch(w -> w.startsWith("gpus=2: Grid Engine cannot express it"));
            assertThat(sge.directives(job)).noneMatch(l -> l.contains("high") || l.contains("-t ") || l.contains("-a "));
        }

        /** qsub -a needs a date: without one the job could start at once, before the time asked. */
        @Test
        void refusesABeginWithoutADateNamingTheOptionAndGridEngine() {
            assertThat(sge.check(aJob().with("begin", "18:30").build().options())).singleElement().satisfies(v -> {
                assertThat(v.option()).isEqualTo("begin");
                assertThat(v.message()).contains("Grid Engine").contains("date");
            });
            assertThat(sge.check(aJob().with("begin", "2030-01-02T18:30").build().options())).isEmpty();
        }

        @Test
        void rendersAnEvenlySpacedArrayListAsTheGridEngineRangeItMakes() {
            // given lists whose indices are evenly spaced, and a single index
            // when Grid Engine writes them, then each is one -t range, its %limit a -tc
            assertThat(sge.directives(aJob().with("array", "1,3,5").build())).contains("#$ -t 1-5:2");
            assertThat(sge.directives(aJob().with("array", "4,5,6%2").build())).contains("#$ -t 4-6", "#$ -tc 2");
            assertThat(sge.directives(aJob().with("array", "7").build())).contains("#$ -t 7");
            assertThat(sge.directives(aJob().with("array", "2-20:2").build())).contains("#$ -t 2-20:2");
            assertThat(sge.check(aJob().with("array", "1,3,5").build().options())).isEmpty();
        }

        @Test
        void refusesAnArrayWithTaskIndexZeroSinceGridEngineNumbersTasksFromOne() {
            for (String array : List.of("0-4:2", "0", "0,2,4", "0-10%2")) {
                assertThat(sge.check(aJob().with("array", array).build().options())).as(array).singleElement()
                        .satisfies(v -> {
                            assertThat(v.option()).isEqualTo("array");
                            assertThat(v.value()).isEqualTo(array);
                            assertThat(v.message()).contains("0").contains("from 1");
                        });
            }
            assertThat(sge.check(aJob().with("array", "1-4:2").build().options())).isEmpty();
        }

        @Test
        void refusesADependencyOnAnArrayTaskSinceHoldJidTakesOnlyJobNumbers() {
            // qsub -hold_jid 12.1 answered 'denied: job "12.1" not found', and the job ended FAILED
            for (String entry : List.of("12.1", "afterok:12.1", "afterany:12.server")) {
                assertThat(sge.check(aJob().with("depends", entry).build().options())).as(entry).singleElement()
                        .satisfies(v -> {
                            assertThat(v.option()).isEqualTo("depends");
                            assertThat(v.value()).isEqualTo(entry);
                            assertThat(v.message()).contains("-hold_jid").contains("job number");
                        });
            }
            assertThat(sge.check(aJob().with("depends", List.of("12", "afterok:13")).build().options())).isEmpty();
            assertThat(sge.check(aJob().with("depends", "mx4u2lwu-1ik5b").build().options())).isEmpty();
        }

        @Test
        void refusesAnArrayListGridEngineCannotExpressNamingTheValue() {
            // given a list that is no single range
            JobSubmission job = aJob().with("array", "1,2,5").build();

            // when it is checked at submission, then it is a violation of array naming the value
            assertThat(sge.check(job.options())).singleElement().satisfies(v -> {
                assertThat(v.option()).isEqualTo("array");
                assertThat(v.value()).isEqualTo("1,2,5");
                assertThat(v.message()).contains("1,2,5").contains("n[-m[:s]]");
            });
            assertThat(sge.check(aJob().with("array", "1-3,10-12").build().options())).hasSize(1);
        }

        @Test
        void writesExtraWithItsValueAsAWordOfItsOwnAsGridEngineReadsIt() {
            JobSubmission job = aJob().with("extra", List.of("-lh_cpu=600", "-p-10", "-notify")).build();

            assertThat(sge.directives(job)).contains("#$ -l h_cpu=600", "#$ -p -10", "#$ -notify")
                    .noneMatch(l -> l.contains("-lh_cpu"));
        }

        @Test
        void keepsGridEnginesOwnOutputFilesWhenOutfileIsSetSinceTheWrapperCopiesTheJobsOutputThere() {
            // given a job with outfile and errfile
            JobSubmission job = aJob().in(Path.of("/data/jobs/j1")).with("outfile", "o.txt").with("errfile", "e.txt")
                    .build();

            // when Grid Engine's directives are written, then its own words go to its own files, not the user's
            assertThat(sge.directives(job)).contains("#$ -o /data/jobs/j1/sge.out", "#$ -e /data/jobs/j1/sge.err")
                    .noneMatch(l -> l.contains("o.txt") || l.contains("e.txt"));
        }

        @Test
        void hasAFormForEveryKeywordOfTheCatalogue() {
            Map<String, ?> column = SgeOptions.column("smp", SgeDialect.MemoryResource.H_VMEM);

            assertThat(Keywords.all()).extracting(Keyword::name).allMatch(column::containsKey);
            assertThat(new OptionColumn("Grid Engine", SgeOptions.column("smp", SgeDialect.MemoryResource.H_VMEM)).coversTheCatalogue()).isTrue();
        }

        @Test
        void makesANameGridEngineTakes() {
            assertThat(SgeDialect.sgeName("2nd run: a/b")).isEqualTo("j2nd_run__a_b");
            assertThat(SgeDialect.sgeName(null)).isEqualTo("muster");
        }

        @Test
        void submitsTersleyWithHoldJidForDependencies() {
            JobSubmission job = aJob().after("12", "13").build();

            assertThat(sge.submitCommand(job, Path.of("/w/wrapper.sh")))
                    .containsExactly("qsub", "-terse", "-hold_jid", "12,13", "/w/wrapper.sh");
        }

        @Test
        void anAfterokDependantChecksItsDependenciesExitCodesBeforeItsCommandRuns() {
            JobSubmission job = aJob().in(Path.of("/data/jobs/j2")).after("12", "13").build();

            List<String> lines = sge.directives(job);

            assertThat(lines).contains("muster_exits='/data/sge/exit'", "for dependency in 12 13; do",
                    "trap 'printf \"%d\\n\" \"$?\" > \"$muster_exits/$JOB_ID\"' EXIT");
            assertThat(String.join("\n", lines)).contains("exit " + SgeDialect.DEPENDENCY_EXIT);
        }

        /** Runs the shell lines of {@code directives} (not the #$ ones) in bash with JOB_ID and SGE_TASK_ID set, ending with {@code then}. */
        private int runShellOf(List<String> directives, String jobId, String taskId, String then) throws Exception {
            String script = directives.stream().filter(l -> !l.startsWith("#$")).collect(java.util.stream.Collectors
                    .joining("\n")) + "\n" + then + "\n";
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
            pb.environment().put("JOB_ID", jobId);
            pb.environment().put("SGE_TASK_ID", taskId);
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        }

        @Test
        void anAfterokDependantOfAnArrayWhoseTaskFailedSkipsItsCommandThoughALaterTaskSucceeded(
                @org.junit.jupiter.api.io.TempDir Path root) throws Exception {
            JobSubmission array = aJob().in(root.resolve("jobs/a")).with("array", "1-3").build();
            List<String> arrayLines = sge.directives(array);
            // task 1 fails first, tasks 2 and 3 succeed later: the last word is a success
            assertThat(runShellOf(arrayLines, "77", "1", "exit 1")).isEqualTo(1);
            assertThat(runShellOf(arrayLines, "77", "2", "exit 0")).isEqualTo(0);
            assertThat(runShellOf(arrayLines, "77", "3", "exit 0")).isEqualTo(0);
            JobSubmission dependant = aJob().in(root.resolve("jobs/b")).after("77").build();

            assertThat(runShellOf(sge.directives(dependant), "78", "undefined", "exit 0"))
                    .as("the array failed, so an afterok dependant must not run its command")
                    .isEqualTo(SgeDialect.DEPENDENCY_EXIT);
        }

        @Test
        void anAfterokDependantOfAnArrayRunsOnlyWhenEveryTaskRecordedSuccess(@org.junit.jupiter.api.io.TempDir Path root)
                throws Exception {
            JobSubmission array = aJob().in(root.resolve("jobs/a")).with("array", "1-3").build();
            List<String> arrayLines = sge.directives(array);
            JobSubmission dependant = aJob().in(root.resolve("jobs/b")).after("77").build();
            runShellOf(arrayLines, "77", "1", "exit 0");
            runShellOf(arrayLines, "77", "2", "exit 0");

            assertThat(runShellOf(sge.directives(dependant), "78", "undefined", "exit 0"))
                    .as("task 3 recorded nothing (qdel): not a success").isEqualTo(SgeDialect.DEPENDENCY_EXIT);
            runShellOf(arrayLines, "77", "3", "exit 0");
            assertThat(runShellOf(sge.directives(dependant), "79", "undefined", "exit 0")).isZero();
        }

        @Test
        void anAfterokDependantOfAPlainJobRunsAfterSuccessAndSkipsAfterFailure(@org.junit.jupiter.api.io.TempDir Path root)
                throws Exception {
            List<String> head = sge.directives(aJob().in(root.resolve("jobs/a")).build());
            List<String> dependant = sge.directives(aJob().in(root.resolve("jobs/b")).after("12").build());
            runShellOf(head, "12", "undefined", "exit 0");
            assertThat(runShellOf(dependant, "13", "undefined", "exit 0")).isZero();
            runShellOf(head, "12", "undefined", "exit 4");
            assertThat(runShellOf(dependant, "14", "undefined", "exit 0")).isEqualTo(SgeDialect.DEPENDENCY_EXIT);
        }

        @Test
        void anAfteranyDependantOnlyWaitsForTheEnd() {
            JobSubmission job = aJob().afterAny("12").build();

            assertThat(sge.directives(job)).noneMatch(l -> l.startsWith("for dependency"));
            assertThat(sge.submitCommand(job, Path.of("/w/wrapper.sh"))).contains("-hold_jid", "12");
        }

        @Test
        void readsTheJobNumberQsubTerseGivesForAJobAndAnArray() {
            assertThat(sge.parseSubmitted("12\n")).isEqualTo("12");
            assertThat(sge.parseSubmitted("15.1-4:1\n")).isEqualTo("15");
            assertThatThrownBy(() -> sge.parseSubmitted("Your job 12 (\"x\") has been submitted\n"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a job id");
        }
    }

    @Nested
    class Status {

        @Test
        void asksOneQstatXmlForAllJobsOfTheUser() {
            assertThat(sge.statusCommand("alice", List.of("1", "2", "3")))
                    .containsExactly("qstat", "-xml", "-u", "alice");
        }

        @Test
        void listsTheUsersWholeQueueFromTheSameQstatWithAnArrayAsOneJob() {
            List<SchedulerJob> queue = sge.parseQueue(fixture("qstat-mixed.xml"), "root");

            assertThat(sge.queueCommand("root")).containsExactly("qstat", "-xml", "-u", "root");
            assertThat(queue).extracting(SchedulerJob::schedulerId).startsWith("14", "15", "9").doesNotHaveDuplicates();
            SchedulerJob array = queue.stream().filter(j -> j.schedulerId().equals("15")).findFirst().orElseThrow();
            assertThat(array.name()).isEqualTo("sleep");
            assertThat(array.status().state()).as("a task runs").isEqualTo(JobState.RUNNING);
            assertThat(queue.get(0).status().placement().nodes()).isEqualTo("vm");
            assertThat(queue.get(0).status().placement().partition()).isEqualTo("all.q");
            assertThat(sge.parseQueue(fixture("qstat-mixed.xml"), "bob")).isEmpty();
        }

        @Test
        void mapsRunningSuspendedAndHeldJobsOfCapturedQstat() {
            Map<String, SchedulerStatus> s = sge.parseStatus(fixture("qstat-mixed.xml"), List.of("14", "13", "16"));

            assertThat(s.get("14").state()).isEqualTo(JobState.SUSPENDED);
            assertThat(s.get("14").started()).isEqualTo(Instant.parse("2026-12-01T09:08:45Z"));
            assertThat(s.get("13").state()).isEqualTo(JobState.HELD);
            assertThat(s.get("16").state()).isEqualTo(JobState.HELD);
        }

        @Test
        void aRunningJobsQueueHostAndSlotsAreItsPlacementNotAReasonThatOutlivesItsEnd() {
            SchedulerStatus running = statusIn("qstat-mixed.xml", "15");
            SchedulerStatus pending = statusIn("qstat-mixed.xml", "13");

            assertThat(running.placement()).isEqualTo(new io.muster.job.Placement("all.q", "vm", 1, 1));
            assertThat(running.reason()).as("kept as the reason, it stayed on the job once COMPLETED").isNull();
            assertThat(pending.placement()).isNull();
            assertThat(sge.parseQueue(fixture("qstat-mixed.xml"), "root").get(0).status().placement().cpus())
                    .isEqualTo(1);
        }

        @Test
        void mapsEqwToFailedWithReason() {
            SchedulerStatus s = statusIn("qstat-mixed.xml", "9");

            assertThat(s.state()).isEqualTo(JobState.FAILED);
            assertThat(s.reason()).contains("error state (Eqw)", "qstat -j 9");
        }

        @Test
        void anArrayWithATaskRunningAndOthersPendingIsRunning() {
            assertThat(statusIn("qstat-mixed.xml", "15").state()).isEqualTo(JobState.RUNNING);
        }

        @Test
        void mapsTheOtherStatesOfTheTable() {
            Map<String, SchedulerStatus> s = sge.parseStatus(fixture("qstat-states.xml"),
                    List.of("31", "32", "33", "34", "35", "36"));

            assertThat(s.get("31").state()).isEqualTo(JobState.COMPLETING);
            assertThat(s.get("32").state()).isEqualTo(JobState.RUNNING);
            assertThat(s.get("33").state()).isEqualTo(JobState.SUSPENDED);
            assertThat(s.get("34").state()).isEqualTo(JobState.SUSPENDED);
            assertThat(s.get("35").state()).isEqualTo(JobState.RUNNING);
            assertThat(s.get("36").state()).isEqualTo(JobState.REQUEUED);
        }

        @Test
        void aStateNoTableLineNamesIsUnknownWithTheCode() {
            SchedulerStatus s = statusIn("qstat-states.xml", "37");

            assertThat(s.state()).isEqualTo(JobState.UNKNOWN);
            assertThat(s.reason()).contains("'z'");
        }

        @Test
        void leavesOutJobsQstatDoesNotShowSoThatAccountingIsAsked() {
            assertThat(sge.parseStatus(fixture("qstat-mixed.xml"), List.of("999"))).isEmpty();
            assertThat(sge.parseStatus(fixture("qstat-empty.xml"), List.of("1", "2"))).isEmpty();
        }

        @Test
        void rejectsTextThatIsNotQstatXml() {
            assertThatThrownBy(() -> sge.parseStatus("error: commlib error: got select error\n", List.of("1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qstat -xml");
        }
    }

    @Nested
    class Accounting {

        @Test
        void asksQacctOncePerJobSince81AnswersForOneJobPerCall() {
            assertThat(sge.accountingCommands(List.of("5", "6", "6"))).containsExactly(
                    List.of("qacct", "-j", "5"), List.of("qacct", "-j", "6"));
        }

        @Test
        void readsACompletedJobWithItsTimes() {
            SchedulerStatus s = accountingIn("qacct-completed.txt", "1");

            assertThat(s.state()).isEqualTo(JobState.COMPLETED);
            assertThat(s.exitCode()).isZero();
            assertThat(s.started()).isEqualTo(Instant.parse("2026-12-01T09:04:16Z"));
            assertThat(s.ended()).isEqualTo(Instant.parse("2026-12-01T09:04:22Z"));
        }

        @Test
        void readsANonZeroExitAsFailedWithThatCode() {
            SchedulerStatus s = accountingIn("qacct-exit3.txt", "8");

            assertThat(s.state()).isEqualTo(JobState.FAILED);
            assertThat(s.exitCode()).isEqualTo(3);
        }

        @Test
        void readsAKilledJobAsKilledBySignalAndAsCancelledWhenMusterCancelledIt() {
            SchedulerStatus s = accountingIn("qacct-qdel.txt", "6");

            assertThat(s.state()).isEqualTo(JobState.FAILED);
            assertThat(s.reason()).isEqualTo("killed by signal 9");
            assertThat(sge.settle(s, trace(null, true, true, false, false)).state()).isEqualTo(JobState.CANCELLED);
            assertThat(sge.settle(s, trace(null, true, false, false, false)).state()).isEqualTo(JobState.FAILED);
        }

        @Test
        void readsTheQmastersLimitKillAsTimeoutAfterTheWholeTimeElseAsOutOfMemory() {
            SchedulerStatus s = accountingIn("qacct-h_rt.txt", "5");

            assertThat(s.state()).isEqualTo(JobState.TIMEOUT);
            assertThat(s.reason()).contains("qmaster enforced h_rt");
            assertThat(sge.settle(s, trace(null, true, false, false, true)).state()).isEqualTo(JobState.TIMEOUT);
            assertThat(sge.settle(s, trace(null, true, false, false, false)).state()).isEqualTo(JobState.OUT_OF_MEMORY);
        }

        @Test
        void readsGridEnginesOwnFailureWithItsWords() {
            SchedulerStatus s = accountingIn("qacct-eqw.txt", "9");

            assertThat(s.state()).isEqualTo(JobState.FAILED);
            assertThat(s.reason()).contains("changing into working directory", "failed 28");
        }

        @Test
        void readsAnArraysTasksAsOneJob() {
            assertThat(accountingIn("qacct-array.txt", "3").state()).isEqualTo(JobState.COMPLETED);
        }

        @Test
        void aMissingRecordIsNoAnswerNeverDone() {
            CommandResult missing = new CommandResult(List.of("qacct", "-j", "999"), 1, "", fixture("qacct-missing.txt"));

            assertThat(sge.accountingAnswered(missing)).isTrue();
            assertThat(sge.parseAccounting("", List.of("999"))).isEmpty();
        }

        @Test
        void anAfterokDependantThatSkippedItsCommandIsDependencyFailed() {
            SchedulerStatus skipped = new SchedulerStatus(JobState.FAILED, SgeDialect.DEPENDENCY_EXIT, null, null, null);

            SchedulerStatus settled = sge.settle(skipped, trace(null, false, false, true, false));

            assertThat(settled.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
            assertThat(settled.exitCode()).isNull();
        }

        @Test
        void theWrappersExitCodeComesFirst() {
            SchedulerStatus qacct = new SchedulerStatus(JobState.COMPLETED, 0, null, null, null);

            SchedulerStatus settled = sge.settle(qacct, trace(4, true, false, false, false));

            assertThat(settled.state()).isEqualTo(JobState.FAILED);
            assertThat(settled.exitCode()).isEqualTo(4);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelsInBatchesOfQdel() {
            List<String> ids = IntStream.range(0, 450).mapToObj(String::valueOf).toList();

            List<List<String>> commands = sge.cancelCommands(ids);

            assertThat(commands).hasSize(3);
            assertThat(commands.get(0)).startsWith("qdel", "0").hasSize(SgeDialect.CANCEL_BATCH + 1);
        }

        @Test
        void aQdelOfAnEndedJobIsNothingLeftToDo() {
            CommandResult ended = new CommandResult(List.of("qdel", "1"), 1, "", fixture("qdel-ended.txt"));

            assertThat(sge.cancelledAlready(ended)).isTrue();
            assertThat(sge.cancelledAlready(new CommandResult(List.of("qdel", "1"), 1, "",
                    "denied: job \"1\" is not yours\n"))).isFalse();
        }

        @Test
        void aQmasterThatDoesNotAnswerIsWorthAnotherTry() {
            assertThat(sge.isTransient(new CommandResult(List.of("qsub"), 1, "",
                    "error: commlib error: got select error (Connection refused)\n"
                            + "unable to send message to qmaster using port 6444 on host \"vm\": got send error\n")))
                    .isTrue();
            assertThat(sge.isTransient(new CommandResult(List.of("qsub"), 1, "",
                    "Unable to run job: Job was rejected because job requests unknown queue \"nosuch\".\n"))).isFalse();
        }
    }
}
