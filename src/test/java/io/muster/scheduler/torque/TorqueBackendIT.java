package io.muster.scheduler.torque;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.JobState;
import io.muster.scheduler.ASubmission;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.CommandRunner;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.JobScript;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.ProcessCommandRunner;
import io.muster.scheduler.SchedulerStatus;
import io.muster.testing.RealService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Torque dialect against real PBS commands: on the test machine, Slurm's {@code qsub},
 * {@code qstat} and {@code qdel} ({@code slurm-wlm-torque}) over the single-node test cluster.
 * Skipped, with the reason, where those commands are missing or no server answers them.
 *
 * <p>What every backend must do (exit codes, dependencies, cancelling) is checked by
 * {@link TorqueContractIT}; these tests check what is particular to the PBS commands: the
 * directives qsub honours, where stderr goes, and that a deleted job's wrapper records no exit
 * code (Torque forgets ended jobs, so that file is what tells a failed job from a cancelled one).
 */
class TorqueBackendIT {

    /** Generous: the two-core test cluster is shared with other tests' jobs. */
    private static final Duration END = Duration.ofMinutes(5);

    private static final CommandRunner RUNNER = new ProcessCommandRunner();

    @TempDir
    Path work;

    private final GridScheduler torque = new GridScheduler(new TorqueDialect(), RUNNER,
            PbsCommands.settings().withPollInterval(Duration.ofMillis(500)));
    private final List<String> submitted = new ArrayList<>();
    private final Map<String, SchedulerStatus> ended = new HashMap<>();

    /** Why the PBS commands cannot be tested here, or null if they can. */
    private static String unavailable;

    @BeforeAll
    static void askThePbsCommands() throws Exception {
        unavailable = PbsCommands.whyUnavailable();
    }

    /** Reported per test, so that every skipped test shows the reason. */
    @BeforeEach
    void pbsCommandsAnswer() {
        RealService.require(unavailable);
    }

    @AfterEach
    void deleteWhatIsLeft() throws Exception {
        List<String> running = submitted.stream().filter(id -> !ended.containsKey(id)).toList();
        if (!running.isEmpty()) {
            torque.cancel(running);
        }
    }

    private JobSubmission job(String name, String command, ASubmission options) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        JobSubmission job = options.named(name).in(dir).build();
        JobScript.write(job.files(), command, Map.of());
        return job;
    }

    private String submit(JobSubmission job) throws Exception {
        String id = torque.submit(job);
        submitted.add(id);
        return id;
    }

    /** Polls as the tracker does, one qstat for every job still open, until {@code id} has ended. */
    private SchedulerStatus awaitEnd(String id) {
        await().atMost(END).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<String> open = submitted.stream().filter(s -> !ended.containsKey(s)).toList();
            torque.status(open).forEach((sid, status) -> {
                if (status.state().isFinal()) {
                    ended.put(sid, status);
                }
            });
            return ended.containsKey(id);
        });
        return ended.get(id);
    }

    /** Regression: a step was dropped (no -t), the job ran once with an empty index and never ended. */
    @Test
    void anArrayWithAStepRunsEachIndexOfItsListAndEnds() throws Exception {
        // given an array 0-4:2, which Torque's -t can only take as the list 0,2,4
        ASubmission options = aJob().with("array", "0-4:2");
        Path dir = Files.createDirectories(work.resolve("stepped"));
        JobSubmission job = options.named("stepped").in(dir).build();
        JobScript.write(job.files(), "echo idx $MUSTER_ARRAY_INDEX", Map.of("array", "0-4:2"));

        // when it runs
        SchedulerStatus status = awaitEnd(submit(job));

        // then every index ran once, with its own output, and the job completed
        assertThat(status.state()).isEqualTo(JobState.COMPLETED);
        for (int i : new int[] {0, 2, 4}) {
            assertThat(Files.readString(dir.resolve("stdout." + i))).isEqualTo("idx " + i + "\n");
        }
        assertThat(dir.resolve("stdout.1")).doesNotExist();
        assertThat(dir.resolve("stdout.")).doesNotExist();
    }

    /** Regression: qsub's -o pbs.out overrode #PBS -o outfile, so the user's file never came. */
    @Test
    void outfileGetsTheJobsOutput() throws Exception {
        // given a job whose outfile is in its directory
        Path dir = Files.createDirectories(work.resolve("outfile"));
        JobSubmission job = job("outfile", "echo to-out", aJob().with("outfile", dir.resolve("myout.txt").toString()));

        // when it ends, then the file holds the job's output
        assertThat(awaitEnd(submit(job)).state()).isEqualTo(JobState.COMPLETED);
        assertThat(Files.readString(dir.resolve("myout.txt"))).isEqualTo("to-out\n");
    }

    @Test
    void aFailingJobsStderrGoesToItsStderrFile() throws Exception {
        JobSubmission job = job("exit3", "echo oops >&2; exit 3", aJob());

        SchedulerStatus status = awaitEnd(submit(job));

        assertThat(status.state()).isEqualTo(JobState.FAILED);
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(Files.readString(job.files().stderr())).isEqualTo("oops\n");
    }

    @Test
    void aCancelledJobEndsCancelledWithoutAnExitCodeFile() throws Exception {
        JobSubmission job = job("sleeper", "sleep 300", aJob());
        String id = submit(job);
        AtomicReference<JobState> seen = new AtomicReference<>();
        await().atMost(END).pollInterval(Duration.ofMillis(300)).until(() -> {
            seen.set(torque.status(List.of(id)).get(id).state());
            return seen.get() == JobState.RUNNING;
        });

        torque.cancel(List.of(id));

        SchedulerStatus status = awaitEnd(id);
        assertThat(status.state()).isEqualTo(JobState.CANCELLED);
        // killed, not ended: the wrapper died with it, or (when qdel's SIGTERM reached the command
        // first, as on a loaded machine) recorded the command's death by that signal
        if (Files.exists(job.files().exitCode())) {
            assertThat(Files.readString(job.files().exitCode()).strip()).isIn("143", "137");
        }
    }

    /** Regression (issue 7): the PBS commands give no exit status, and a job killed at its walltime showed FAILED. */
    @Test
    void aJobKilledAtItsWalltimeEndsTimeout() throws Exception {
        // given a job that sleeps past its one-minute walltime (Slurm's smallest unit)
        JobSubmission job = job("overtime", "sleep 600", aJob().with("time", "00:01:00"));

        // when the cluster kills it at the limit
        SchedulerStatus status = awaitEnd(submit(job));

        // then
        assertThat(status.state()).isEqualTo(JobState.TIMEOUT);
        assertThat(status.reason()).contains("walltime");
        assertThat(job.files().exitCode()).doesNotExist();
    }

    @Test
    void thePbsCommandsHonourTheDirectives() throws Exception {
        JobSubmission job = job("a-name-longer-than-fifteen", "sleep 1",
                aJob().with("cores", 2).with("mem", "100MB").with("time", "00:02:00"));
        String id = submit(job);

        CommandResult qstat = RUNNER.run(torque.settings().resolve(List.of("qstat", "-f", id)), Duration.ofSeconds(20));

        QstatJob shown = QstatJob.parse(qstat.stdout()).get(0);
        // cut to 9, then the tail of the Muster id that tells namesakes apart (TorqueDialect.pbsName)
        assertThat(shown.get("Job_Name")).isEqualTo("a-name-lo-" + job.id().value().substring(job.id().value().length() - 5));
        assertThat(shown.get("Resource_List.ncpus")).isEqualTo("2");
        assertThat(shown.get("Resource_List.walltime")).isEqualTo("00:02:00");
        assertThat(awaitEnd(id).state()).isEqualTo(JobState.COMPLETED);
    }
}
