package io.muster.scheduler.local;

import static io.muster.scheduler.TestJob.command;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.JobState;
import io.muster.job.JobFiles;
import io.muster.options.JobOptions;
import io.muster.scheduler.ExitCodes;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.SchedulerException;
import io.muster.scheduler.SchedulerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool on its own, with real processes: accounting, order, dependencies, signals, re-attach. */
class LocalSchedulerTest {

    @TempDir
    Path root;

    private final List<LocalScheduler> pools = new ArrayList<>();
    private final List<Thread> samplers = new ArrayList<>();
    private final Map<String, List<SchedulerStatus>> seen = new ConcurrentHashMap<>();

    private LocalScheduler pool(int cores, long memMb) {
        LocalScheduler pool = new LocalScheduler(cores, memMb);
        pool.setListener((id, status) -> seen.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(status));
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void closePools() {
        samplers.forEach(Thread::interrupt);
        pools.forEach(LocalScheduler::close);
    }

    private static SchedulerStatus finalStatus(LocalScheduler pool, String id)
            throws InterruptedException, ExecutionException, TimeoutException {
        return pool.completion(id).get(30, SECONDS);
    }

    /** When the job's wrapper started and when its command wrote {@code ended} (see {@link #timed}). */
    private record Interval(JobSubmission job, Instant start, Instant end) {
        boolean covers(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /** A command that sleeps, then records when it ended, in its job directory. */
    private static String timed(double seconds) {
        return "sleep " + seconds + "; printf '%s\\n' \"$EPOCHREALTIME\" > ended";
    }

    private static Interval interval(JobSubmission job) throws IOException {
        JobFiles files = job.files();
        Instant end = ExitCodes.readEpoch(files.dir().resolve("ended")).orElseThrow();
        return new Interval(job, ExitCodes.readEpoch(files.started()).orElseThrow(), end);
    }

    private static Instant startOf(JobSubmission job) {
        return ExitCodes.readEpoch(job.files().started()).orElseThrow();
    }

    @Test
    void runsACommandInItsRunpathWithItsOutputAndExitCodeInItsFiles() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        JobSubmission job = command("pwd; echo oops >&2; exit 4").runpath(elsewhere.toString()).in(root);

        String id = pool.submit(job);
        SchedulerStatus end = finalStatus(pool, id);

        assertThat(end.state()).isEqualTo(JobState.FAILED);
        assertThat(end.exitCode()).isEqualTo(4);
        assertThat(end.started()).isNotNull();
        assertThat(end.ended()).isAfterOrEqualTo(end.started());
        assertThat(Files.readString(job.files().stdout())).isEqualTo(elsewhere + "\n");
        assertThat(Files.readString(job.files().stderr())).isEqualTo("oops\n");
        assertThat(seen.get(id)).extracting(SchedulerStatus::state)
                .containsExactly(JobState.QUEUED, JobState.RUNNING, JobState.FAILED);
    }

    @Test
    void aWaitingJobThePoolLetsGoOfIsNeverStartedAndTheOthersRunOnWhenRoomComes() throws Exception {
        LocalScheduler pool = pool(1, 1000);
        Path marker = root.resolve("released-ran");
        String running = pool.submit(command("sleep 1").in(root));
        String released = pool.submit(command("touch '" + marker + "'").in(root));
        String kept = pool.submit(command("exit 0").in(root));
        assertThat(pool.notStarted()).containsExactlyInAnyOrder(released, kept);

        // another server took this one over while this pool's server was taken for dead
        pool.release(List.of(released, running));

        assertThat(pool.notStarted()).containsExactly(kept);
        assertThat(finalStatus(pool, running).state()).as("a started job is not let go of").isEqualTo(JobState.COMPLETED);
        assertThat(finalStatus(pool, kept).state()).isEqualTo(JobState.COMPLETED);
        assertThat(Files.exists(marker)).as("a run of the job let go of").isFalse();
    }

    @Test
    void aPoolWhoseStartGateIsShutStartsNothingUntilItOpensAgain() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean();
        pool.setStartGate(open::get);
        Path marker = root.resolve("gated-ran");
        String id = pool.submit(command("touch '" + marker + "'").in(root));

        Thread.sleep(500);
        assertThat(pool.notStarted()).containsExactly(id);
        assertThat(Files.exists(marker)).isFalse();

        open.set(true);
        pool.resumeStarting();
        assertThat(finalStatus(pool, id).state()).isEqualTo(JobState.COMPLETED);
        assertThat(Files.exists(marker)).isTrue();
    }

    @Test
    void refusesAtValidationWhatCouldNeverFit() {
        LocalScheduler pool = pool(2, 1000);

        assertThat(pool.check(options(Map.of("cores", 3, "mem", 2000L, "nodes", 2))))
                .extracting(v -> v.option())
                .containsExactly("cores", "mem", "nodes");
        assertThat(pool.check(options(Map.of("cores", 2, "mem", 1000L)))).isEmpty();
    }

    private static JobOptions options(Map<String, Object> values) {
        return JobOptions.fromNormalised(values);
    }

    @Test
    void neverKeepsMoreCoresBusyThanItHasUnderFiftyJobsOfMixedSizes() throws Exception {
        LocalScheduler pool = pool(4, 100_000);
        AtomicInteger mostBusy = sampleMost(pool::busyCores);
        List<JobSubmission> jobs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            jobs.add(command(timed(0.05 + (i % 4) * 0.05)).cores(1 + i % 3).time("10").in(root));
        }
        for (JobSubmission job : jobs) {
            pool.submit(job);
        }
        for (JobSubmission job : jobs) {
            assertThat(finalStatus(pool, job.id().value()).state()).isEqualTo(JobState.COMPLETED);
        }

        assertThat(mostBusy.get()).isBetween(2, 4);
        assertThat(peak(jobs, j -> j.options().cores())).isBetween(2L, 4L);
    }

    @Test
    void neverHandsOutMoreMemoryThanItHas() throws Exception {
        LocalScheduler pool = pool(8, 1000);
        AtomicInteger mostBusy = sampleMost(() -> (int) pool.busyMemoryMb());
        String[] sizes = {"300MB", "500MB", "700MB", "200MB"};
        List<JobSubmission> jobs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            jobs.add(command(timed(0.05 + (i % 3) * 0.05)).mem(sizes[i % sizes.length]).time("10").in(root));
        }
        for (JobSubmission job : jobs) {
            pool.submit(job);
        }
        for (JobSubmission job : jobs) {
            assertThat(finalStatus(pool, job.id().value()).state()).isEqualTo(JobState.COMPLETED);
        }

        assertThat(mostBusy.get()).isBetween(700, 1000);
        assertThat(peak(jobs, j -> j.options().memMb())).isBetween(700L, 1000L);
    }

    /** The most the pool held at once, sampled every millisecond until the test ends. */
    private AtomicInteger sampleMost(java.util.function.IntSupplier busy) {
        AtomicInteger most = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                most.accumulateAndGet(busy.getAsInt(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        samplers.add(sampler);
        return most;
    }

    /** The largest sum of {@code size} over jobs whose processes really ran at the same moment. */
    private static long peak(List<JobSubmission> jobs, java.util.function.ToLongFunction<JobSubmission> size)
            throws IOException {
        List<Interval> intervals = new ArrayList<>();
        for (JobSubmission job : jobs) {
            intervals.add(interval(job));
        }
        long peak = 0;
        for (Interval at : intervals) {
            long sum = 0;
            for (Interval other : intervals) {
                if (other.covers(at.start())) {
                    sum += size.applyAsLong(other.job());
                }
            }
            peak = Math.max(peak, sum);
        }
        return peak;
    }

    @Test
    void backfillsOnlyWhatDoesNotDelayTheWaitingBigJob() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        JobSubmission running = command("sleep 1.5").time("3").in(root);
        pool.submit(running);
        await().atMost(5, SECONDS).until(() -> pool.busyCores() == 1 && pool.running() == 1);
        JobSubmission big = command("true").cores(2).time("10").in(root);
        JobSubmission longSmall = command("true").time("60").in(root);
        JobSubmission shortSmall = command("true").time("1").in(root);

        pool.submit(big);
        pool.submit(longSmall);
        pool.submit(shortSmall);
        for (JobSubmission job : List.of(running, big, longSmall, shortSmall)) {
            assertThat(finalStatus(pool, job.id().value()).state()).isEqualTo(JobState.COMPLETED);
        }

        // the short one fits before the big one's reservation; the long one would have delayed it
        assertThat(startOf(shortSmall)).isBefore(startOf(big));
        assertThat(startOf(longSmall)).isAfter(startOf(big));
    }

    /** Regression (issue 5): two jobs accepted together could start in either order. */
    @Test
    void waitingJobsStartInTheOrderTheyWereAcceptedNotTheOrderTheyReachedThePool() throws Exception {
        // given a full pool, and two jobs accepted first and second
        LocalScheduler pool = pool(1, 1000);
        JobSubmission blocker = command("sleep 0.5").in(root);
        pool.submit(blocker);
        await().atMost(5, SECONDS).until(() -> pool.running() == 1);
        JobSubmission first = command("true").in(root);
        JobSubmission second = command("true").in(root);

        // when the second one's batch run reaches the pool before the first one's
        pool.submit(second);
        pool.submit(first);

        // then the first accepted still starts first
        assertThat(finalStatus(pool, second.id().value()).state()).isEqualTo(JobState.COMPLETED);
        assertThat(finalStatus(pool, first.id().value()).state()).isEqualTo(JobState.COMPLETED);
        assertThat(startOf(first)).isBefore(startOf(second));
    }

    @Test
    void aTwoCoreJobBehindAStreamOfOneCoreJobsStillStarts() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        List<String> stream = new CopyOnWriteArrayList<>();
        AtomicLong submitting = new AtomicLong(1);
        Thread feeder = new Thread(() -> {
            try {
                while (submitting.get() == 1) {
                    stream.add(pool.submit(command("sleep 0.3").in(root)));
                    Thread.sleep(100);
                }
            } catch (SchedulerException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        feeder.start();
        try {
            await().atMost(5, SECONDS).until(() -> pool.busyCores() == 2);
            JobSubmission big = command("true").cores(2).in(root);
            String bigId = pool.submit(big);

            // with greedy first-fit the stream would keep one core busy for ever; here the big one starts
            assertThat(finalStatus(pool, bigId).state()).isEqualTo(JobState.COMPLETED);
            assertThat(stream.size()).isGreaterThan(3);
            // and the stream was still coming when it started
            await().atMost(5, SECONDS).until(() -> stream.stream().anyMatch(id -> startedAfter(id, big)));
        } finally {
            submitting.set(0);
            feeder.join();
        }
    }

    private boolean startedAfter(String id, JobSubmission big) {
        Path started = JobFiles.dirFor(root, io.muster.api.JobId.of(id)).resolve("started");
        return Files.exists(started) && ExitCodes.readEpoch(started)
                .map(t -> t.isAfter(startOf(big))).orElse(false);
    }

    @Test
    void afterOkStartsAJobOnlyWhenItsDependencyCompleted() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        JobSubmission first = command(timed(0.5)).in(root);
        String firstId = pool.submit(first);
        JobSubmission second = command("true").after(firstId).in(root);

        String secondId = pool.submit(second);

        assertThat(finalStatus(pool, secondId).state()).isEqualTo(JobState.COMPLETED);
        assertThat(startOf(second)).isAfterOrEqualTo(interval(first).end());
        assertThat(seen.get(secondId).get(0).reason()).contains(firstId);
    }

    @Test
    void afterAnyStartsAJobWhenItsDependencyFailed() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        String failing = pool.submit(command("sleep 0.2; exit 1").in(root));

        String after = pool.submit(command("echo ran").after(failing).afterAny().in(root));

        assertThat(finalStatus(pool, failing).state()).isEqualTo(JobState.FAILED);
        assertThat(finalStatus(pool, after).state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void dependantsOfAFailedJobEndDependencyFailedAtOnceDownTheChain() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        String failing = pool.submit(command("sleep 0.2; exit 1").in(root));
        JobSubmission second = command("echo never").after(failing).in(root);
        String secondId = pool.submit(second);
        String third = pool.submit(command("echo never").after(secondId).in(root));

        SchedulerStatus failed = finalStatus(pool, failing);
        SchedulerStatus secondEnd = finalStatus(pool, secondId);
        SchedulerStatus thirdEnd = finalStatus(pool, third);

        assertThat(secondEnd.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(secondEnd.reason()).isEqualTo("dependency " + failing + " ended FAILED");
        assertThat(thirdEnd.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(Duration.between(failed.ended(), thirdEnd.ended())).isLessThan(Duration.ofMillis(500));
        assertThat(second.files().started()).doesNotExist();
    }

    @Test
    void aDependencyNobodyKnowsCanNeverBeMet() throws Exception {
        LocalScheduler pool = pool(2, 1000);

        String id = pool.submit(command("true").after("4242").in(root));

        SchedulerStatus end = finalStatus(pool, id);
        assertThat(end.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(end.reason()).contains("4242");
    }

    @Test
    void aDependencyKnownOnlyToTheStoreIsAskedThere() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        pool.setDependencyStates(id -> id.equals("earlier") ? Optional.of(JobState.COMPLETED) : Optional.empty());

        String id = pool.submit(command("true").after("earlier").in(root));

        assertThat(finalStatus(pool, id).state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void cancelKillsTheJobAndEveryProcessItStarted() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        JobSubmission job = command("sleep 100 & echo $! > child.pid; wait").in(root);
        String id = pool.submit(job);
        Path childPid = job.files().dir().resolve("child.pid");
        await().atMost(5, SECONDS).until(() -> Files.exists(childPid) && !Files.readString(childPid).isBlank());
        long child = Long.parseLong(Files.readString(childPid).trim());
        assertThat(ProcessHandle.of(child)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        pool.cancel(List.of(id));

        assertThat(finalStatus(pool, id).state()).isEqualTo(JobState.CANCELLED);
        await().atMost(5, SECONDS).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
        assertThat(pool.busyCores()).isZero();
    }

    private static long childPid(JobSubmission job) throws IOException {
        Path file = job.files().dir().resolve("child.pid");
        await().atMost(5, SECONDS).until(() -> Files.exists(file) && !Files.readString(file).isBlank());
        return Long.parseLong(Files.readString(file).trim());
    }

    /** Alive and not a zombie: a killed orphan may wait a while for a reaper, dead all the same. */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }

    @Test
    void aCancelledCommandThatIgnoresTermIsKilledAfterTheGraceAndEndsOnlyThen() throws Exception {
        // given a job whose command ignores TERM, so that only its wrapper dies of the cancel's TERM
        LocalScheduler pool = pool(1, 1000);
        JobSubmission job = command("trap '' TERM; sleep 45 & echo $! > child.pid; wait; echo still-ran > marker")
                .in(root);
        String id = pool.submit(job);
        long child = childPid(job);

        // when it is cancelled
        Instant cancelled = Instant.now();
        pool.cancel(List.of(id));

        // then it ends CANCELLED only once its whole group is gone, after the KILL at the end of the grace
        SchedulerStatus end = finalStatus(pool, id);
        assertThat(end.state()).isEqualTo(JobState.CANCELLED);
        assertThat(alive(child)).as("the command's sleep when the job ended").isFalse();
        assertThat(Duration.between(cancelled, Instant.now())).isGreaterThanOrEqualTo(
                LocalScheduler.KILL_GRACE.minusMillis(500));
        assertThat(pool.busyCores()).isZero();
        Thread.sleep(500);
        assertThat(job.files().dir().resolve("marker")).doesNotExist();
    }

    @Test
    void aCommandThatIgnoresTermAndRunsPastItsTimeIsKilledAfterTheGraceAndTimesOutOnlyThen() throws Exception {
        // given a job with a time limit of 1 s whose command ignores TERM
        LocalScheduler pool = pool(1, 1000);
        JobSubmission job = command("trap '' TERM; sleep 45 & echo $! > child.pid; wait; echo still-ran > marker")
                .time("1").in(root);
        String id = pool.submit(job);
        long child = childPid(job);

        // when its time runs out
        SchedulerStatus end = finalStatus(pool, id);

        // then it times out once its whole group is gone, after the KILL at the end of the grace
        assertThat(end.state()).isEqualTo(JobState.TIMEOUT);
        assertThat(alive(child)).as("the command's sleep when the job ended").isFalse();
        assertThat(Duration.between(end.started(), end.ended()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1).plus(LocalScheduler.KILL_GRACE).minusMillis(500));
        assertThat(pool.busyCores()).isZero();
        assertThat(job.files().dir().resolve("marker")).doesNotExist();
    }

    @Test
    void aWrapperKilledByHandTakesTheRestOfItsJobWithItAndTheJobFailsSayingSo() throws Exception {
        // given a running job
        LocalScheduler pool = pool(1, 1000);
        JobSubmission job = command("sleep 45 & echo $! > child.pid; wait; echo still-ran > marker").in(root);
        String id = pool.submit(job);
        long child = childPid(job);
        long wrapper = Long.parseLong(Files.readString(job.files().pid()).trim());

        // when its wrapper alone is killed
        new ProcessBuilder("kill", "-KILL", String.valueOf(wrapper)).start().waitFor();

        // then nothing of it keeps running outside the pool's accounting, and the reason says what happened
        SchedulerStatus end = finalStatus(pool, id);
        assertThat(end.state()).isEqualTo(JobState.FAILED);
        assertThat(end.reason()).contains("killed by signal 9").contains("the processes it left in its group were killed");
        assertThat(alive(child)).as("the command's sleep when the job ended").isFalse();
        assertThat(pool.busyCores()).isZero();
    }

    @Test
    void aWrapperKilledWhileARestartedPoolWatchesItFailsAsWatchedNotLost() throws Exception {
        // given a job re-attached by a pool started after the one that started it
        LocalScheduler first = pool(2, 1000);
        JobSubmission job = command("sleep 45 & echo $! > child.pid; wait").in(root);
        first.submit(job);
        long child = childPid(job);
        first.close();
        LocalScheduler second = pool(2, 1000);
        second.reattach(List.of(job));
        long wrapper = Long.parseLong(Files.readString(job.files().pid()).trim());

        // when its wrapper is killed
        new ProcessBuilder("kill", "-KILL", String.valueOf(wrapper)).start().waitFor();

        // then it failed while watched, and the rest of its group went with it
        SchedulerStatus end = finalStatus(second, job.id().value());
        assertThat(end.state()).isEqualTo(JobState.FAILED);
        assertThat(end.reason()).contains("while the server watched it").doesNotContain("no server was watching");
        assertThat(alive(child)).as("the command's sleep when the job ended").isFalse();
        assertThat(second.busyCores()).isZero();
    }

    @Test
    void cancelOfAQueuedJobEndsItWithoutRunningIt() throws Exception {
        LocalScheduler pool = pool(1, 1000);
        String blocker = pool.submit(command("sleep 100").in(root));
        JobSubmission waiting = command("echo never").in(root);
        String id = pool.submit(waiting);

        pool.cancel(List.of(id));
        pool.cancel(List.of(blocker));

        assertThat(finalStatus(pool, id).state()).isEqualTo(JobState.CANCELLED);
        assertThat(finalStatus(pool, blocker).state()).isEqualTo(JobState.CANCELLED);
        assertThat(waiting.files().started()).doesNotExist();
    }

    @Test
    void aJobRunningPastItsTimeIsKilledAndTimesOut() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        JobSubmission job = command("sleep 30 & echo $! > child.pid; wait").time("1").in(root);

        String id = pool.submit(job);
        SchedulerStatus end = finalStatus(pool, id);

        assertThat(end.state()).isEqualTo(JobState.TIMEOUT);
        assertThat(end.reason()).contains("00:00:01");
        assertThat(Duration.between(end.started(), end.ended())).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        long child = Long.parseLong(Files.readString(job.files().dir().resolve("child.pid")).trim());
        await().atMost(5, SECONDS).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aRestartedPoolTakesBackARunningJobAndSeesItComplete() throws Exception {
        LocalScheduler first = pool(2, 1000);
        JobSubmission job = command("sleep 1.5; echo done").in(root);
        first.submit(job);
        await().atMost(5, SECONDS).until(() -> first.running() == 1 && Files.exists(job.files().started()));
        first.close();
        assertThat(Files.exists(job.files().exitCode())).isFalse();

        LocalScheduler second = pool(2, 1000);
        second.reattach(List.of(job));

        assertThat(second.busyCores()).isEqualTo(1);
        SchedulerStatus end = finalStatus(second, job.id().value());
        assertThat(end.state()).isEqualTo(JobState.COMPLETED);
        assertThat(end.exitCode()).isZero();
        assertThat(end.started()).isEqualTo(startOf(job));
        assertThat(Files.readString(job.files().stdout())).isEqualTo("done\n");
    }

    @Test
    void aJobWhoseProcessVanishedWithoutAnExitCodeIsLost() throws Exception {
        LocalScheduler first = pool(2, 1000);
        JobSubmission job = command("sleep 100").in(root);
        first.submit(job);
        await().atMost(5, SECONDS).until(() -> Files.exists(job.files().started()));
        first.close();
        long pid = Long.parseLong(Files.readString(job.files().pid()).trim());
        new ProcessBuilder("kill", "-KILL", "--", "-" + pid).start().waitFor();
        await().atMost(5, SECONDS).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));

        LocalScheduler second = pool(2, 1000);
        second.reattach(List.of(job));

        SchedulerStatus end = finalStatus(second, job.id().value());
        assertThat(end.state()).isEqualTo(JobState.LOST);
        assertThat(end.reason()).contains(String.valueOf(pid)).contains("without writing an exit code");
    }

    @Test
    void aLostJobEndsWhenItsFilesWereLastWrittenNotWhenTheServerCameBack() throws Exception {
        // given a job killed while no pool watched it, a while before a pool comes back
        LocalScheduler first = pool(2, 1000);
        JobSubmission job = command("echo working; sleep 100").in(root);
        first.submit(job);
        await().atMost(5, SECONDS).until(() -> Files.exists(job.files().started())
                && Files.size(job.files().stdout()) > 0);
        first.close();
        long pid = Long.parseLong(Files.readString(job.files().pid()).trim());
        new ProcessBuilder("kill", "-KILL", "--", "-" + pid).start().waitFor();
        Instant killed = Instant.now();
        Thread.sleep(2_000);

        // when a pool takes it back
        LocalScheduler second = pool(2, 1000);
        Instant restart = Instant.now();
        second.reattach(List.of(job));

        // then it is LOST with the end its files show, not the restart's time, and says so
        SchedulerStatus end = finalStatus(second, job.id().value());
        assertThat(end.state()).isEqualTo(JobState.LOST);
        assertThat(end.ended()).isAfterOrEqualTo(end.started()).isBeforeOrEqualTo(killed)
                .isBefore(restart.minusSeconds(1));
        assertThat(end.reason()).contains("its end time is when its files were last written");
    }

    @Test
    void aRestartedPoolRunsTheJobsThatNeverStartedAndReportsTheOnesThatEnded() throws Exception {
        JobSubmission ended = command("exit 2").in(root);
        Files.writeString(ended.files().exitCode(), "2\n");
        Files.writeString(ended.files().pid(), "1\n");
        JobSubmission neverStarted = command("echo late").in(root);
        LocalScheduler pool = pool(2, 1000);

        List<String> said = new CopyOnWriteArrayList<>();
        java.util.logging.Logger poolLog = java.util.logging.Logger.getLogger(LocalScheduler.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                said.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        poolLog.addHandler(handler);
        try {
            pool.reattach(List.of(ended, neverStarted));
        } finally {
            poolLog.removeHandler(handler);
        }

        assertThat(said).as("what the restart found, in one line").contains("local pool took back 2 jobs: 1 had ended"
                + " (their exit codes read), 0 still run (watched from now on), 0 were gone without an exit code,"
                + " 1 had not started (queued again, in order)");
        SchedulerStatus endedStatus = finalStatus(pool, ended.id().value());
        assertThat(endedStatus.state()).isEqualTo(JobState.FAILED);
        assertThat(endedStatus.exitCode()).isEqualTo(2);
        assertThat(finalStatus(pool, neverStarted.id().value()).state()).isEqualTo(JobState.COMPLETED);
        assertThat(Files.readString(neverStarted.files().stdout())).isEqualTo("late\n");
    }

    @Test
    void runGivesTheFinalStatusToItsCallerAndRunsNoMoreAtOnceThanTheCoresAllow() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        List<JobSubmission> partitions = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<SchedulerStatus>> ends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JobSubmission partition = command(timed(0.2) + "; echo part-" + i).in(root);
            partitions.add(partition);
            ends.add(pool.run(partition));
        }

        java.util.concurrent.CompletableFuture.allOf(ends.toArray(new java.util.concurrent.CompletableFuture[0]))
                .get(30, SECONDS);

        assertThat(ends).allSatisfy(f -> assertThat(f.get().state()).isEqualTo(JobState.COMPLETED));
        assertThat(Files.readString(partitions.get(5).files().stdout())).isEqualTo("part-5\n");
        assertThat(peak(partitions, j -> 1)).isEqualTo(2);
        assertThat(seen).isEmpty();
    }

    @Test
    void theJvmSpawnerRunsJobsAndKillsGroupsToo() throws Exception {
        LocalScheduler pool = new LocalScheduler(2, 1000, true);
        pools.add(pool);
        JobSubmission job = command("sleep 100 & echo $! > child.pid; wait").in(root);
        String id = pool.submit(job);
        String echo = pool.submit(command("echo hi").in(root));
        Path childPid = job.files().dir().resolve("child.pid");
        await().atMost(5, SECONDS).until(() -> Files.exists(childPid) && !Files.readString(childPid).isBlank());

        pool.cancel(List.of(id));

        assertThat(finalStatus(pool, echo).state()).isEqualTo(JobState.COMPLETED);
        assertThat(finalStatus(pool, id).state()).isEqualTo(JobState.CANCELLED);
        long child = Long.parseLong(Files.readString(childPid).trim());
        await().atMost(5, SECONDS).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aSigtermForTheServersProcessGroupLeavesTheSpawnerRunningAndJobsKeepTheirSignals() throws Exception {
        LocalScheduler pool = pool(2, 1000);
        String first = pool.submit(command("true").in(root));
        assertThat(finalStatus(pool, first).state()).isEqualTo(JobState.COMPLETED);
        List<ProcessHandle> spawners = ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("perl")).orElse(false)).toList();
        assertThat(spawners).as("the pool's Perl spawner").isNotEmpty();
        java.util.logging.Logger poolLog = java.util.logging.Logger.getLogger(LocalScheduler.class.getName());
        List<java.util.logging.LogRecord> severe = new CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    severe.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        poolLog.addHandler(handler);
        try {
            for (ProcessHandle spawner : spawners) {
                new ProcessBuilder("kill", "-TERM", String.valueOf(spawner.pid())).start().waitFor();
            }
            Thread.sleep(300);

            assertThat(spawners).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
            JobSubmission sleeper = command("sleep 100").in(root);
            String id = pool.submit(sleeper);
            await().atMost(5, SECONDS).until(() -> Files.exists(sleeper.files().started()));
            pool.cancel(List.of(id));
            assertThat(finalStatus(pool, id).state()).as("TERM still ends a job").isEqualTo(JobState.CANCELLED);
            assertThat(Duration.between(ExitCodes.readEpoch(sleeper.files().started()).orElseThrow(), Instant.now()))
                    .as("ended by TERM, not by the KILL 5 s later").isLessThan(Duration.ofSeconds(5));
            assertThat(severe).isEmpty();
        } finally {
            poolLog.removeHandler(handler);
        }
    }
}
