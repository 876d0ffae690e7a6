package io.muster.scheduler.sge;

import static io.muster.scheduler.ASubmission.aJob;
import static io.muster.scheduler.sge.SgeDialectTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.config.GridSettings;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.RecordingCommandRunner;
import io.muster.scheduler.SchedulerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Grid Engine dialect driven by the grid scheduler, with scripted qsub, qstat, qacct and qdel. */
class SgeSchedulerTest {

    private static final String EMPTY_QUEUE = fixture("qstat-empty.xml");

    @TempDir
    Path work;

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final GridScheduler sge = new GridScheduler(
            new SgeDialect(ZoneOffset.UTC, "smp", SgeDialect.MemoryResource.H_VMEM), runner,
            GridSettings.defaults("sge"), "alice");

    private JobSubmission submitted(String name, String id) throws Exception {
        Path dir = Files.createDirectories(work.resolve("jobs").resolve(name));
        JobSubmission job = aJob().named(name).in(dir).build();
        runner.answer("qsub", id + "\n");
        assertThat(sge.submit(job)).isEqualTo(id);
        return job;
    }

    private static String details(String number, Path cwd) {
        return "==============================================================\njob_number:                 " + number
                + "\nowner:                      alice\ncwd:                        " + cwd
                + "\njob_name:                   align\n";
    }

    @Test
    void aRestartedServerFindsAJobWhoseIdWasLostByItsWorkingDirectory() throws Exception {
        // given two jobs whose qsub began, their answers lost, and a third qsub never got
        JobSubmission lost = aJob().named("align").in(Files.createDirectories(work.resolve("jobs").resolve("a1"))).build();
        JobSubmission never = aJob().named("align").in(Files.createDirectories(work.resolve("jobs").resolve("a2"))).build();
        runner.answer("qstat", details("40", work.resolve("jobs").resolve("other")) + details("41", lost.files().dir()));

        // when
        Map<io.muster.api.JobId, String> found = sge.findHandedOver(List.of(lost, never));

        // then
        assertThat(found).containsExactly(Map.entry(lost.id(), "41"));
        assertThat(runner.commands("qstat")).containsExactly(List.of("qstat", "-j", "*"));
        assertThat(sge.findsUnrecordedHandovers()).isTrue();
    }

    @Test
    void anEmptyQueueMeansNoJobWasHandedOverNotThatTheLookupFailed() throws Exception {
        JobSubmission job = aJob().named("align").in(Files.createDirectories(work.resolve("jobs").resolve("a1"))).build();
        runner.answer("qstat", c -> new CommandResult(c, 1, "", "Following jobs do not exist: \n*\n"));

        assertThat(sge.findHandedOver(List.of(job))).isEmpty();
    }

    @Test
    void aSubmittedJobRecordsItsIdInItsDirectoryForARestartedServer() throws Exception {
        JobSubmission job = submitted("echo", "12");

        GridScheduler restarted = new GridScheduler(new SgeDialect(ZoneOffset.UTC, "smp",
                SgeDialect.MemoryResource.H_VMEM), runner, GridSettings.defaults("sge"), "alice");
        assertThat(restarted.findHandedOver(List.of(job))).containsExactly(Map.entry(job.id(), "12"));
        assertThat(runner.commands("qstat")).isEmpty();
    }

    private static CommandResult notFound(List<String> command) {
        return new CommandResult(command, 1, "", "error: job id " + command.get(2) + " not found\n");
    }

    @Test
    void writesHashDollarDirectivesIntoTheWrapperAndSubmitsItTersely() throws Exception {
        JobSubmission job = submitted("echo", "12");

        assertThat(Files.readString(job.files().wrapper())).contains("#$ -N echo\n#$ -S /bin/bash\n");
        assertThat(runner.commands("qsub").get(0)).containsExactly("qsub", "-terse", job.files().wrapper().toString());
    }

    @Test
    void aJobMissingFromQstatAndQacctStaysUnknownUntilItsRecordArrives() throws Exception {
        // given job 1 left qstat, and qacct has no record of it yet (it lags), then has one
        submitted("late", "1");
        runner.answer("qstat", EMPTY_QUEUE);
        runner.answer("qacct", SgeSchedulerTest::notFound).answer("qacct", fixture("qacct-completed.txt"));

        // when polled twice
        SchedulerStatus first = sge.status(List.of("1")).get("1");
        SchedulerStatus second = sge.status(List.of("1")).get("1");

        // then it is never done before the record says so
        assertThat(first.state()).isEqualTo(JobState.UNKNOWN);
        assertThat(second.state()).isEqualTo(JobState.COMPLETED);
        assertThat(runner.commands("qacct")).containsExactly(List.of("qacct", "-j", "1"), List.of("qacct", "-j", "1"));
    }

    @Test
    void theExitCodeFileDecidesAJobQacctHasNotRecordedYet() throws Exception {
        JobSubmission job = submitted("failing", "8");
        Files.writeString(job.files().started(), "1795683600.000000\n");
        Files.writeString(job.files().exitCode(), "3\n");
        runner.answer("qstat", EMPTY_QUEUE);
        runner.answer("qacct", SgeSchedulerTest::notFound);

        SchedulerStatus status = sge.status(List.of("8")).get("8");

        assertThat(status.state()).isEqualTo(JobState.FAILED);
        assertThat(status.exitCode()).isEqualTo(3);
    }

    @Test
    void asksOneQstatForAllJobsAndQacctOnlyForThoseItNoLongerShows() throws Exception {
        runner.answer("qstat", fixture("qstat-mixed.xml"));
        runner.answer("qacct", SgeSchedulerTest::notFound);

        Map<String, SchedulerStatus> statuses = sge.status(List.of("14", "15", "77"));

        assertThat(runner.commands("qstat")).containsExactly(List.of("qstat", "-xml", "-u", "alice"));
        assertThat(runner.commands("qacct")).containsExactly(List.of("qacct", "-j", "77"));
        assertThat(statuses.get("14").state()).isEqualTo(JobState.SUSPENDED);
        assertThat(statuses.get("15").state()).isEqualTo(JobState.RUNNING);
        assertThat(statuses.get("77").state()).isEqualTo(JobState.UNKNOWN);
    }

    @Test
    void aQstatThatFailsMakesEveryJobUnknownNeverDone() {
        runner.fail("qstat", 1, "error: commlib error: got select error (Connection refused)\n");

        Map<String, SchedulerStatus> statuses = sge.status(List.of("1", "2"));

        assertThat(statuses.values()).extracting(SchedulerStatus::state).containsOnly(JobState.UNKNOWN);
        assertThat(runner.programs()).doesNotContain("qacct");
    }
}
