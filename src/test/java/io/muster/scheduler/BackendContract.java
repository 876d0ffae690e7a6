package io.muster.scheduler;

import static io.muster.scheduler.TestJob.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.options.WallTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Scheduler} must show, as tests that run real jobs: the local pool
 * passes them in every build, and each cluster adapter passes them against its test cluster.
 *
 * <p>To run the contract against a backend, subclass it and say how to make the scheduler:
 *
 * <pre>{@code
 * class SlurmContractIT extends BackendContract {
 *     @Override
 *     protected Scheduler createScheduler() {
 *         return new GridScheduler(new SlurmDialect(), new ProcessCommandRunner(),
 *                 GridSettings.defaults("slurm"));
 *     }
 *
 *     // optional: where job files go (a directory the compute nodes see), how often to poll,
 *     // how long a test may wait for one job
 *     @Override
 *     protected Path jobRoot() { return Path.of("/shared/scratch/contract"); }
 * }
 * }</pre>
 *
 * <p>One scheduler is made per test and closed after it. Jobs are built with {@link TestJob}
 * (the job script is written as the prepare step writes it); the contract waits for a job's
 * end through the {@link StatusListener} for a backend that {@link Scheduler#pushesUpdates()},
 * and by calling {@link Scheduler#status} every {@link #pollInterval()} for the others. The
 * outcome is read as Muster's collect step reads it: the exit code from the wrapper's
 * exit-code file first, the backend's second; a COMPLETED job with a non-zero exit code has
 * FAILED.
 *
 * <p>What is checked: {@code echo hi} completes with exit code 0 and {@code hi} in its stdout;
 * what a job writes to stderr is in its stderr file, apart from its stdout; {@code exit 3}
 * fails with exit code 3; a dependant (afterok) runs only after its dependency; the dependant
 * of a failed job ends DEPENDENCY_FAILED instead of waiting for ever, while an afterany
 * dependant of a failed job runs; a running {@code sleep 60} that is cancelled ends CANCELLED;
 * a job that runs past its {@code time} ends TIMEOUT.
 */
public abstract class BackendContract {

    @TempDir
    Path tempDir;

    /** The scheduler under test, made by {@link #createScheduler()} before each test. */
    protected Scheduler scheduler;

    private final Map<String, List<SchedulerStatus>> pushed = new ConcurrentHashMap<>();
    private final List<String> submitted = new ArrayList<>();

    /** A new scheduler of the backend under test; closed after each test. */
    protected abstract Scheduler createScheduler() throws Exception;

    /** Where job directories go; must be visible wherever the backend runs jobs. */
    protected Path jobRoot() {
        return tempDir;
    }

    /** How often a polled backend is asked for statuses. */
    protected Duration pollInterval() {
        return Duration.ofMillis(500);
    }

    /** How long a test waits for one job to reach a state. */
    protected Duration timeout() {
        return Duration.ofSeconds(90);
    }

    /**
     * The {@code time} of the job that must end TIMEOUT: the shortest limit the backend
     * enforces (Slurm and its PBS commands count whole minutes). The test waits for the job
     * this long plus {@link #timeout()}.
     */
    protected String shortTimeLimit() {
        return "00:01:00";
    }

    @BeforeEach
    void openScheduler() throws Exception {
        scheduler = createScheduler();
        scheduler.setListener((id, status) -> pushed.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(status));
    }

    @AfterEach
    void closeScheduler() throws Exception {
        if (scheduler == null) {
            return;
        }
        try {
            List<String> unfinished = scheduler.status(submitted).entrySet().stream()
                    .filter(e -> !e.getValue().state().isFinal()).map(Map.Entry::getKey).toList();
            if (!unfinished.isEmpty()) {
                scheduler.cancel(unfinished);
            }
        } finally {
            scheduler.close();
        }
    }

    /** Submits a job, remembering it so that whatever is left is cancelled after the test. */
    protected String submit(JobSubmission job) throws SchedulerException {
        String id = scheduler.submit(job);
        submitted.add(id);
        return id;
    }

    /** What the backend last said of a job: pushed, or polled now. */
    protected SchedulerStatus latest(String schedulerId) {
        if (scheduler.pushesUpdates()) {
            List<SchedulerStatus> list = pushed.get(schedulerId);
            return list == null || list.isEmpty() ? SchedulerStatus.unknown("nothing pushed yet") : list.get(list.size() - 1);
        }
        return scheduler.status(List.of(schedulerId)).getOrDefault(schedulerId, SchedulerStatus.unknown("not answered"));
    }

    /** Waits until the job is in a state {@code accept}ed, or ended; returns that status. */
    protected SchedulerStatus awaitStatus(String schedulerId, java.util.function.Predicate<JobState> accept)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout().toNanos();
        Duration pause = scheduler.pushesUpdates() ? Duration.ofMillis(20) : pollInterval();
        while (System.nanoTime() < deadline) {
            SchedulerStatus status = latest(schedulerId);
            if (accept.test(status.state()) || status.state().isFinal()) {
                return status;
            }
            Thread.sleep(pause.toMillis());
        }
        throw new TimeoutException("job " + schedulerId + " on " + scheduler.name() + " did not get there within "
                + timeout() + "; last status: " + latest(schedulerId));
    }

    /** The job's final outcome as Muster's collect step reads it (exit-code file first). */
    protected SchedulerStatus awaitEnd(String schedulerId, JobSubmission job) throws InterruptedException, TimeoutException {
        SchedulerStatus end = awaitStatus(schedulerId, JobState::isFinal);
        Integer exitCode = ExitCodes.read(job.files()).orElse(end.exitCode());
        JobState state = end.state() == JobState.COMPLETED && exitCode != null && exitCode != 0 ? JobState.FAILED
                : end.state();
        return new SchedulerStatus(state, exitCode, end.reason(), end.started(), end.ended());
    }

    @Test
    void echoCompletesWithExitCodeZeroAndItsOutput() throws Exception {
        JobSubmission job = command("echo hi").in(jobRoot());

        SchedulerStatus end = awaitEnd(submit(job), job);

        assertThat(end.state()).isEqualTo(JobState.COMPLETED);
        assertThat(end.exitCode()).isZero();
        assertThat(Files.readString(job.files().stdout())).isEqualTo("hi\n");
    }

    @Test
    void stderrGoesToItsOwnFileApartFromStdout() throws Exception {
        JobSubmission job = command("echo out; echo err >&2").in(jobRoot());

        SchedulerStatus end = awaitEnd(submit(job), job);

        assertThat(end.state()).isEqualTo(JobState.COMPLETED);
        assertThat(Files.readString(job.files().stdout())).isEqualTo("out\n");
        assertThat(Files.readString(job.files().stderr())).isEqualTo("err\n");
    }

    @Test
    void aNonZeroExitFailsWithThatExitCode() throws Exception {
        JobSubmission job = command("exit 3").in(jobRoot());

        SchedulerStatus end = awaitEnd(submit(job), job);

        assertThat(end.state()).isEqualTo(JobState.FAILED);
        assertThat(end.exitCode()).isEqualTo(3);
    }

    @Test
    void aDependantRunsOnlyAfterItsDependencyCompleted() throws Exception {
        Path order = jobRoot().resolve("order-" + System.nanoTime());
        JobSubmission first = command("sleep 2; echo first >> " + order).in(jobRoot());
        String firstId = submit(first);
        JobSubmission second = command("echo second >> " + order).after(firstId).in(jobRoot());

        SchedulerStatus end = awaitEnd(submit(second), second);

        assertThat(end.state()).isEqualTo(JobState.COMPLETED);
        assertThat(awaitEnd(firstId, first).state()).isEqualTo(JobState.COMPLETED);
        assertThat(Files.readAllLines(order)).containsExactly("first", "second");
    }

    @Test
    void theDependantOfAFailedJobEndsDependencyFailed() throws Exception {
        JobSubmission failing = command("sleep 1; exit 1").in(jobRoot());
        String failingId = submit(failing);
        JobSubmission dependant = command("echo never").after(failingId).in(jobRoot());

        SchedulerStatus end = awaitEnd(submit(dependant), dependant);

        assertThat(end.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(dependant.files().stdout()).doesNotExist();
    }

    @Test
    void anAfteranyDependantOfAFailedJobRunsAfterIt() throws Exception {
        Path order = jobRoot().resolve("order-" + System.nanoTime());
        JobSubmission failing = command("sleep 1; echo first >> " + order + "; exit 1").in(jobRoot());
        String failingId = submit(failing);
        JobSubmission dependant = command("echo second >> " + order).after(failingId).afterAny().in(jobRoot());

        SchedulerStatus end = awaitEnd(submit(dependant), dependant);

        assertThat(end.state()).isEqualTo(JobState.COMPLETED);
        assertThat(awaitEnd(failingId, failing).state()).isEqualTo(JobState.FAILED);
        assertThat(Files.readAllLines(order)).containsExactly("first", "second");
    }

    @Test
    void aJobRunningPastItsTimeEndsTimeout() throws Exception {
        JobSubmission job = command("sleep 600").time(shortTimeLimit()).in(jobRoot());
        String id = submit(job);
        assertThat(awaitStatus(id, s -> s == JobState.RUNNING).state()).isEqualTo(JobState.RUNNING);

        SchedulerStatus end = awaitTimeLimit(id, job);

        assertThat(end.state()).isEqualTo(JobState.TIMEOUT);
        // killed, not ended: the wrapper died with it, or (when the scheduler's SIGTERM reached the
        // command first, as on a loaded machine) recorded the command's death by that signal
        if (Files.exists(job.files().exitCode())) {
            assertThat(Files.readString(job.files().exitCode()).strip()).isIn("143", "137");
        }
    }

    /** The end of a job that should hit its {@link #shortTimeLimit()}: waits that long more than other jobs. */
    private SchedulerStatus awaitTimeLimit(String id, JobSubmission job) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + WallTime.parse(shortTimeLimit()).toNanos();
        while (System.nanoTime() < deadline) {
            SchedulerStatus status = latest(id);
            if (status.state().isFinal()) {
                return status;
            }
            Thread.sleep(pollInterval().toMillis());
        }
        return awaitEnd(id, job);
    }

    @Test
    void aCancelledRunningJobEndsCancelled() throws Exception {
        JobSubmission job = command("sleep 60").in(jobRoot());
        String id = submit(job);
        assertThat(awaitStatus(id, s -> s == JobState.RUNNING).state()).isEqualTo(JobState.RUNNING);

        scheduler.cancel(List.of(id));

        SchedulerStatus end = awaitEnd(id, job);
        assertThat(end.state()).isEqualTo(JobState.CANCELLED);
    }
}
