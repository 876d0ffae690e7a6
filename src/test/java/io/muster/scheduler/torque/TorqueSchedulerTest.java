package io.muster.scheduler.torque;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.config.GridSettings;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.RecordingCommandRunner;
import io.muster.scheduler.SchedulerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Torque dialect driven by the grid scheduler, with scripted qsub, qstat and qdel. */
class TorqueSchedulerTest {

    @TempDir
    Path work;

    /** Scheduler ids qsub gives, by the job's directory name. */
    private final Map<String, String> ids = new java.util.HashMap<>();
    private final RecordingCommandRunner runner = new RecordingCommandRunner().answer("qsub", c -> new CommandResult(c,
            0, ids.get(Path.of(c.get(c.size() - 1)).getParent().getFileName().toString()) + "\n", ""));
    private final GridScheduler torque = new GridScheduler(
            new TorqueDialect(ZoneOffset.UTC, TorqueDialect.QstatFormat.FULL), runner, GridSettings.defaults("torque"),
            "alice");

    private static String block(String id, String state) {
        return "Job Id:\t" + id + "\n\tJob_Name = job\n\tJob_Owner = alice@localhost\n\tjob_state = " + state
                + "\n\tqueue = debug\n\n";
    }

    private JobSubmission submitted(String name, String id, String... after) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        JobSubmission job = aJob().named(name).in(dir).after(after).build();
        ids.put(name, id);
        assertThat(torque.submit(job)).isEqualTo(id);
        return job;
    }

    private static void started(JobSubmission job) throws IOException {
        Files.writeString(job.files().started(), "1795683600.000000\n");
    }

    private static void exited(JobSubmission job, int code) throws IOException {
        started(job);
        Files.writeString(job.files().exitCode(), code + "\n");
    }

    @Test
    void writesTheDirectivesIntoTheWrapperAndSubmitsIt() throws Exception {
        JobSubmission job = submitted("echo", "87");

        String tail = job.id().value().substring(job.id().value().length() - 5);
        assertThat(Files.readString(job.files().wrapper())).contains("#PBS -N echo-" + tail + "\n#PBS -l nodes=1:ppn=1\n");
        assertThat(runner.commands("qsub").get(0)).endsWith(job.files().wrapper().toString());
    }

    @Test
    void asksOneQstatForAllJobsAndReadsItEvenWhenSomeAreGone() {
        runner.answer("qstat", c -> new CommandResult(c, 153, block("87", "R") + block("88", "Q"),
                "qstat: Unknown Job Id Error 89.head\n"));

        Map<String, SchedulerStatus> statuses = torque.status(List.of("87", "88", "89"));

        assertThat(runner.commands("qstat")).containsExactly(List.of("qstat", "-f", "87", "88", "89"));
        assertThat(statuses.get("87").state()).isEqualTo(JobState.RUNNING);
        assertThat(statuses.get("88").state()).isEqualTo(JobState.QUEUED);
        assertThat(statuses.get("89").state()).isEqualTo(JobState.UNKNOWN);
    }

    @Test
    void aQstatThatFailsMakesEveryJobUnknownNeverDone() {
        runner.fail("qstat", 1, "qstat: cannot connect to server head (errno=111) Connection refused\n");

        assertThat(torque.status(List.of("87", "88")).values()).extracting(SchedulerStatus::state)
                .containsOnly(JobState.UNKNOWN);
    }

    @Test
    void aJobEndedWithoutExitStatusTakesTheWrappersExitCode() throws Exception {
        JobSubmission ok = submitted("ok", "87");
        JobSubmission bad = submitted("bad", "88");
        exited(ok, 0);
        exited(bad, 3);
        runner.answer("qstat", block("87", "C") + block("88", "C"));

        Map<String, SchedulerStatus> statuses = torque.status(List.of("87", "88"));

        assertThat(statuses.get("87").state()).isEqualTo(JobState.COMPLETED);
        assertThat(statuses.get("87").exitCode()).isZero();
        assertThat(statuses.get("88").state()).isEqualTo(JobState.FAILED);
        assertThat(statuses.get("88").exitCode()).isEqualTo(3);
        assertThat(torque.trackedFiles()).isZero();
    }

    @Test
    void aCancelledJobThatQstatShowsOnlyAsEndedIsCancelled() throws Exception {
        JobSubmission job = submitted("sleep", "87");
        started(job);
        runner.answer("qdel", "");
        torque.cancel(List.of("87"));
        runner.answer("qstat", block("87", "C"));

        SchedulerStatus status = torque.status(List.of("87")).get("87");

        assertThat(runner.commands("qdel")).containsExactly(List.of("qdel", "87"));
        assertThat(status.state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aDependantEndedBeforeItStartedLostItsDependency() throws Exception {
        submitted("first", "87");
        submitted("second", "88", "87");
        runner.answer("qstat", block("88", "C"));

        SchedulerStatus status = torque.status(List.of("88")).get("88");

        assertThat(runner.commands("qsub").get(1)).containsSubsequence("-W", "depend=afterok:87");
        assertThat(status.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
    }

    @Test
    void aJobQstatForgotEndsByTheWrappersExitCode() throws Exception {
        JobSubmission job = submitted("forgotten", "87.head");
        exited(job, 2);
        runner.answer("qstat", c -> new CommandResult(c, 153, "", "qstat: Unknown Job Id Error 87.head\n"));

        SchedulerStatus status = torque.status(List.of("87.head")).get("87.head");

        assertThat(status.state()).isEqualTo(JobState.FAILED);
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.reason()).contains("no longer lists job 87.head");
    }

    @Test
    void aJobQstatForgotWithoutAnyTraceStaysUnknown() throws Exception {
        submitted("vanished", "87");
        runner.answer("qstat", c -> new CommandResult(c, 153, "", ""));

        assertThat(torque.status(List.of("87")).get("87").state()).isEqualTo(JobState.UNKNOWN);
        assertThat(torque.trackedFiles()).isEqualTo(1);
    }

    @Test
    void aCancelledJobQstatForgotIsCancelled() throws Exception {
        submitted("gone", "87");
        runner.answer("qdel", "");
        torque.cancel(List.of("87"));
        runner.answer("qstat", c -> new CommandResult(c, 153, "", ""));

        assertThat(torque.status(List.of("87")).get("87").state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void cancellingAnEndedJobIsNoError() throws Exception {
        runner.answer("qdel", c -> new CommandResult(c, 1, "", ""));

        torque.cancel(List.of("87"));

        assertThat(runner.commands("qdel")).hasSize(1);
    }

    @Test
    void aJobEndedWithoutExitCodeJustBeforeItsWrappersStartPlusItsTimeHitItsLimit() throws Exception {
        // given a one-minute job whose wrapper started 50 s ago (the cluster's clock began seconds earlier)
        Path dir = Files.createDirectories(work.resolve("overtime"));
        JobSubmission job = aJob().named("overtime").in(dir).with("time", "00:01:00").build();
        ids.put("overtime", "90");
        torque.submit(job);
        Files.writeString(job.files().started(), epochSecondsAgo(50));
        runner.answer("qstat", block("90", "C"));

        // then the limit killed it
        SchedulerStatus status = torque.status(List.of("90")).get("90");
        assertThat(status.state()).isEqualTo(JobState.TIMEOUT);
    }

    @Test
    void aJobEndedWithoutExitCodeWellBeforeItsTimeWasNotKilledByItsLimit() throws Exception {
        Path dir = Files.createDirectories(work.resolve("early"));
        JobSubmission job = aJob().named("early").in(dir).with("time", "00:01:00").build();
        ids.put("early", "91");
        torque.submit(job);
        Files.writeString(job.files().started(), epochSecondsAgo(30));
        runner.answer("qstat", block("91", "C"));

        SchedulerStatus status = torque.status(List.of("91")).get("91");
        assertThat(status.state()).isEqualTo(JobState.FAILED);
        assertThat(status.reason()).contains("without recording an exit code");
    }

    /** A qstat -f block of Slurm's PBS commands: name, owner and the second it was queued (UTC here). */
    private static String queued(String id, String name, String owner, String qtime) {
        return "Job Id:\t" + id + "\n\tJob_Name = " + name + "\n\tJob_Owner = " + owner + "@localhost\n"
                + "\tjob_state = Q\n\tqueue = debug\n\tqtime = " + qtime + "\n\n";
    }

    private JobSubmission unanswered(String dirName, String name, String jobId, String intent) throws IOException {
        Path dir = Files.createDirectories(work.resolve(dirName));
        JobSubmission job = aJob().named(name).withId(jobId).in(dir).build();
        Files.writeString(job.files().handover(), "intent " + intent + "\n");
        return job;
    }

    @Test
    void aRestartedServerFindsAHandedOverJobByTheIdItsDirectoryRecordedWithoutAskingQstat() throws Exception {
        // given a job qsub took, whose id the store never got
        JobSubmission job = submitted("recorded", "92");

        // when a new server looks for it
        GridScheduler restarted = new GridScheduler(new TorqueDialect(ZoneOffset.UTC, TorqueDialect.QstatFormat.FULL),
                runner, GridSettings.defaults("torque"), "alice");

        // then
        assertThat(restarted.findHandedOver(List.of(job))).containsExactly(Map.entry(job.id(), "92"));
        assertThat(runner.commands("qstat")).isEmpty();
        assertThat(restarted.findsUnrecordedHandovers()).as("a name search is no tag: records stay durable").isFalse();
    }

    @Test
    void aJobWhoseSubmitBeganWithoutAnAnswerIsFoundByItsTaggedNameOwnerAndSubmitTime() throws Exception {
        // given two jobs named "align" whose qsub began at 12:00:05.300 and .700, and whose answers were lost;
        // the second reached PBS first (regression, #13's crash drill: namesakes were taken in acceptance order)
        JobSubmission first = unanswered("a1", "align", "mx4u2lwu-aaaaa", "2026-12-01T12:00:05.300Z");
        JobSubmission second = unanswered("a2", "align", "mx4u2lwv-bbbbb", "2026-12-01T12:00:05.700Z");
        runner.answer("qstat", queued("95", "align-aaaaa", "alice", "Tue Dec  1 12:00:04 2026") // before its submit
                + queued("96", "align-aaaaa", "bob", "Tue Dec  1 12:00:05 2026") // another user's
                + queued("97", "align-bbbbb", "alice", "Tue Dec  1 12:00:05 2026")
                + queued("98", "align", "alice", "Tue Dec  1 12:00:05 2026") // not Muster's
                + queued("99", "align-aaaaa", "alice", "Tue Dec  1 12:00:06 2026"));

        // when
        Map<io.muster.api.JobId, String> found = torque.findHandedOver(List.of(first, second));

        // then one qstat -f for both, and each takes its own
        assertThat(runner.commands("qstat")).containsExactly(List.of("qstat", "-f"));
        assertThat(found).containsExactly(Map.entry(first.id(), "99"), Map.entry(second.id(), "97"));
    }

    @Test
    void aJobWhoseSubmitNeverBeganIsNotSearchedFor() throws Exception {
        JobSubmission job = aJob().named("align").withId("mx4u2lwu-ddddd").in(Files.createDirectories(work.resolve("never")))
                .build();
        runner.answer("qstat", queued("97", "align-ddddd", "alice", "Tue Dec  1 12:00:05 2026"));

        assertThat(torque.findHandedOver(List.of(job))).isEmpty();
        assertThat(runner.commands("qstat")).isEmpty();
    }

    @Test
    void aJobWhoseNamesakeIsAlreadyFollowedIsNotGivenItsId() throws Exception {
        // given job 97 is followed for a job the store recorded, and another job's answer was lost
        submitted("align", "97");
        JobSubmission lost = unanswered("a3", "align", "mx4u2lwu-ccccc", "2026-12-01T12:00:05.000Z");
        runner.answer("qstat", queued("97", "align-ccccc", "alice", "Tue Dec  1 12:00:05 2026"));

        // then it was not handed over, as far as anything shows
        assertThat(torque.findHandedOver(List.of(lost))).isEmpty();
    }

    @Test
    void aQsubThatFailedAfterPbsTookTheJobIsFoundByNameOnItsRetryNotSubmittedAgain() throws Exception {
        // given qsub lost its connection, yet PBS queued the job (qstat shows it, queued now)
        RecordingCommandRunner flaky = new RecordingCommandRunner()
                .fail("qsub", 1, "qsub: cannot connect to server head (errno=111) Connection refused\n")
                .answer("qstat", c -> new CommandResult(c, 0, queued("93", "flaky-eeeee", "alice",
                        java.time.format.DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", java.util.Locale.ENGLISH)
                                .format(java.time.LocalDateTime.now(ZoneOffset.UTC))), ""));
        GridScheduler pbs = new GridScheduler(new TorqueDialect(ZoneOffset.UTC, TorqueDialect.QstatFormat.FULL), flaky,
                GridSettings.defaults("torque"), "alice");
        JobSubmission job = aJob().named("flaky").withId("mx4u2lwu-eeeee").in(Files.createDirectories(work.resolve("flaky")))
                .build();

        // when
        String id = pbs.submit(job);

        // then the retry looked and found it
        assertThat(id).isEqualTo("93");
        assertThat(flaky.programs()).containsExactly("qsub", "qstat");
    }

    private static String epochSecondsAgo(long seconds) {
        return (Instant.now().getEpochSecond() - seconds) + ".000000\n";
    }
}
