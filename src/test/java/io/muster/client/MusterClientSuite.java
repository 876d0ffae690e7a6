package io.muster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.muster.api.JobResult;
import io.muster.api.JobState;
import io.muster.api.Violation;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client against a real server over TCP: every call goes through the broker. The end-to-end
 * suite, run once per broker: on the embedded default ({@link MusterClientIT}) and as a client of an
 * external Artemis broker ({@link MusterClientOnExternalBrokerIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MusterClientSuite {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path data;

    private TestServer server;
    private Muster muster;

    /** The server of this variant, on its data directory. */
    abstract TestServer start(Path dataDir) throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        server = start(data.resolve("server"));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void connect() {
        muster = Muster.connect(server.url());
    }

    @AfterEach
    void disconnect() {
        muster.close();
    }

    /** A name no other test uses, so queue filters see only this test's jobs. */
    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void submittedCommandCompletesWithItsOutputAndExitCode() throws Exception {
        JobHandle job = muster.command("echo hello; echo oops >&2").cores(1).mem("100MB").submit();

        assertThat(job.id()).isNotBlank();
        assertThat(job.await(WAIT)).isEqualTo(JobState.COMPLETED);
        assertThat(job.stdout()).isEqualTo("hello\n");
        assertThat(job.stderr()).isEqualTo("oops\n");
        assertThat(job.exitCode()).isZero();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void staticRequestSubmitsThroughTheClientConnectedLast() throws Exception {
        JobHandle job = JobRequest.command("exit 4").name("four").submit();

        assertThat(job.await(WAIT)).isEqualTo(JobState.FAILED);
        assertThat(job.exitCode()).isEqualTo(4);
        assertThat(job.name()).isEqualTo("four");
    }

    @Test
    void rejectedSubmissionListsEveryViolation() {
        assertThatThrownBy(() -> muster.command("true").mem("lots").cores(0).option("corse", 2).submit())
                .isInstanceOfSatisfying(SubmissionRejectedException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::option)
                            .containsExactlyInAnyOrder("mem", "cores", "corse");
                    assertThat(e.getMessage()).contains("lots", "did you mean cores?");
                });
    }

    @Test
    void awaitTimesOutNamingTheJobAndTheJobCanThenBeCancelled() throws Exception {
        JobHandle job = muster.command("sleep 10").name("sleepy").submit();

        assertThatThrownBy(() -> job.await(Duration.ofSeconds(1)))
                .isInstanceOf(JobTimeoutException.class)
                .hasMessageContaining(job.id()).hasMessageContaining("sleepy");

        assertThat(job.cancel().outcome()).isIn(CancelResult.Outcome.CANCELLING, CancelResult.Outcome.CANCELLED);
        assertThat(job.await(WAIT)).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void onCompletionCompletesWithTheResult() throws Exception {
        JobHandle job = muster.command("exit 7").submit();

        JobResult result = job.onCompletion().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.id().value()).isEqualTo(job.id());
    }

    @Test
    void dependsOnSendsTheJobIdsAndAFailedDependencyEndsTheDependant() throws Exception {
        JobHandle failing = muster.command("exit 1").submit();
        failing.await(WAIT);
        JobHandle orphan = muster.command("true").dependsOn(failing).submit();

        assertThat(orphan.await(WAIT)).isEqualTo(JobState.DEPENDENCY_FAILED);
        assertThat(orphan.info().options()).containsEntry("depends", List.of(failing.id()));
    }

    @Test
    void givenAnIdMusterDoesNotKnow_whenAJobDependsOnIt_thenTheSubmissionIsRefusedNamingIt() {
        JobRequest orphan = muster.command("true").dependsOn("12345");

        assertThatThrownBy(orphan::submit).isInstanceOfSatisfying(SubmissionRejectedException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.option()).isEqualTo("depends");
                    assertThat(v.value()).isEqualTo("12345");
                    assertThat(v.message()).startsWith("depends '12345' names no job Muster knows");
                }));
    }

    @Test
    void awaitAllTimesOutNamingOnlyTheJobsStillGoing() throws Exception {
        JobHandle quick = muster.command("true").submit();
        JobHandle slow = muster.command("sleep 10").name("slow").submit();
        quick.await(WAIT);
        try {
            assertThatThrownBy(() -> Jobs.awaitAll(List.of(quick, slow), Duration.ofSeconds(1)))
                    .isInstanceOfSatisfying(JobTimeoutException.class,
                            e -> assertThat(e.jobIds()).containsExactly(slow.id()))
                    .hasMessageContaining("1 of 2 jobs").hasMessageContaining(slow.id());
        } finally {
            slow.cancel();
        }
    }

    @Test
    void awaitAllReportsProgressAsEachJobEnds() throws Exception {
        List<JobHandle> jobs = List.of(muster.command("true").submit(), muster.command("sleep 0.5").submit(),
                muster.command("exit 2").submit());
        BlockingQueue<String> progress = new LinkedBlockingQueue<>();

        Jobs.awaitAll(jobs, WAIT, (job, done, total) -> progress.add(done + "/" + total));

        assertThat(progress).containsExactlyInAnyOrder("1/3", "2/3", "3/3");
    }

    @Test
    void queueFiltersByViewUserNameAndBackend() throws Exception {
        String name = unique("q");
        JobHandle done = muster.command("true").name(name).user("ann").submit();
        done.await(WAIT);
        JobHandle running = muster.command("sleep 10").name(name).user("ann").submit();
        JobHandle other = muster.command("sleep 10").name(name).user("bob").submit();
        try {
            await().atMost(WAIT).until(() -> running.state() == JobState.RUNNING && other.state() == JobState.RUNNING);

            assertThat(muster.queue().running().name(name).user("ann").ids()).containsExactly(running.id());
            assertThat(muster.queue().done().name(name).ids()).containsExactly(done.id());
            assertThat(muster.queue().all().name(name).ids()).containsExactly(done.id(), running.id(), other.id());
            assertThat(muster.queue().all().name(name).backend("slurm").ids()).isEmpty();
            assertThat(muster.queue().name(name).count()).isEqualTo(2);
            assertThat(muster.queue().all().name(name).counts())
                    .containsEntry(JobState.RUNNING, 2).containsEntry(JobState.COMPLETED, 1);
            JobInfo info = muster.queue().running().name(name).user("bob").list().get(0);
            assertThat(info.user()).isEqualTo("bob");
            assertThat(info.backend()).isEqualTo("local");
        } finally {
            muster.cancel(running.id(), other.id());
        }
    }

    @Test
    void infoHasOptionsSchedulerIdHistoryWithTimesAndPaths() throws Exception {
        JobHandle job = muster.command("echo hi").mem("1GB").time("1:00").submit();
        job.await(WAIT);

        JobInfo info = muster.info(job.id());

        assertThat(info.options()).containsEntry("mem", 1024).containsEntry("time", "00:01:00");
        assertThat(info.schedulerId()).isNotBlank();
        assertThat(info.exitCode()).isZero();
        assertThat(info.history()).extracting(JobInfo.Change::state)
                .containsSubsequence(JobState.ACCEPTED, JobState.QUEUED, JobState.RUNNING, JobState.COMPLETED);
        assertThat(info.history()).allSatisfy(c -> assertThat(c.at()).isNotNull());
        assertThat(Path.of(info.stdout())).hasContent("hi");
        assertThat(info.user()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void infoOnAnUnknownJobSaysSo() {
        assertThatThrownBy(() -> muster.info("zzzzzzzz-00000")).isInstanceOf(UnknownJobException.class)
                .hasMessageContaining("zzzzzzzz-00000");
    }

    @Test
    void cancelEndsAQueuedJobAndARunningOneAndReportsUnknownAndEndedOnes() throws Exception {
        JobHandle ended = muster.command("true").submit();
        ended.await(WAIT);
        JobHandle running = muster.command("sleep 20").cores(2).submit();
        // each job's batch run has a thread of its own: two sent together may reach the pool in either order
        await().atMost(WAIT).until(() -> running.state() == JobState.RUNNING);
        JobHandle queued = muster.command("sleep 20").cores(2).submit();
        await().atMost(WAIT).until(() -> queued.state() == JobState.QUEUED);

        List<CancelResult> results = muster.cancel(running.id(), queued.id(), ended.id(), "zzzzzzzz-00000");

        assertThat(results).extracting(CancelResult::outcome).containsExactly(CancelResult.Outcome.CANCELLING,
                CancelResult.Outcome.CANCELLING, CancelResult.Outcome.ALREADY_ENDED, CancelResult.Outcome.NOT_FOUND);
        assertThat(Jobs.awaitAll(List.of(running, queued), WAIT)).extracting(JobResult::state)
                .containsOnly(JobState.CANCELLED);
    }

    @Test
    void resubmitRunsTheSameCommandAsANewLinkedJob() throws Exception {
        Path counter = data.resolve(unique("count"));
        JobHandle first = muster.command("echo run >> " + counter + "; exit 3").mem("200MB").submit();
        first.await(WAIT);

        JobHandle again = muster.resubmit(first.id());

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.await(WAIT)).isEqualTo(JobState.FAILED);
        assertThat(Files.readAllLines(counter)).hasSize(2);
        JobInfo info = again.info();
        assertThat(info.resubmittedFrom()).isEqualTo(first.id());
        assertThat(info.options()).containsEntry("mem", 200);
        assertThat(muster.info(first.id()).resubmissions()).containsExactly(again.id());
    }

    @Test
    void cleanRemovesExactlyTheJobsScriptsThenOnRequestItsOutputs() throws Exception {
        JobHandle job = muster.command("echo kept > mine.txt").submit();
        job.await(WAIT);
        Path dir = Path.of(job.info().workDir());
        assertThat(dir.resolve("job.sh")).exists();

        CleanResult scripts = muster.clean(List.of(job.id()), false).get(0);

        assertThat(scripts.deleted()).containsExactlyInAnyOrder(dir.resolve("job.sh").toString(),
                dir.resolve("wrapper.sh").toString());
        assertThat(dir.resolve("stdout")).exists();

        CleanResult outputs = muster.clean(List.of(job.id()), true).get(0);

        assertThat(outputs.deleted()).extracting(p -> Path.of(p).getFileName().toString())
                .containsExactlyInAnyOrder("stdout", "stderr", "exitcode", "started", "pid");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(dir.resolve("mine.txt"));
        }
    }

    @Test
    void cleanSkipsAJobStillRunning() throws Exception {
        JobHandle job = muster.command("sleep 10").submit();
        try {
            CleanResult result = muster.clean(List.of(job.id()), true).get(0);

            assertThat(result.deleted()).isEmpty();
            assertThat(result.skipped()).contains("still");
            assertThat(result.unknownJob()).isFalse();
        } finally {
            job.cancel();
        }
    }

    @Test
    void cleanOfAnIdTheServerDoesNotKnowSaysSoByItsCode() throws Exception {
        CleanResult result = muster.clean(List.of("mwxzzzzz-99999"), false).get(0);

        assertThat(result.unknownJob()).isTrue();
        assertThat(result.skipped()).isEqualTo("no job mwxzzzzz-99999");
        assertThat(result.deleted()).isEmpty();
    }

    @Test
    void dryRunWritesAndReturnsTheScriptAndWrapperWithoutRunningAnything() throws Exception {
        String name = unique("dry");
        DryRun dry = muster.command("echo dry").name(name).mem("1GB").dryRun();

        assertThat(dry.script()).contains("echo dry");
        assertThat(dry.wrapper()).contains("job.sh", "exitcode");
        assertThat(Path.of(dry.scriptPath())).hasContent(dry.script());
        assertThat(Path.of(dry.wrapperPath())).hasContent(dry.wrapper());
        assertThat(Path.of(dry.dir()).resolve("stdout")).doesNotExist();
        assertThat(muster.queue().all().name(name).count()).isZero();
    }

    @Test
    void dryRunOfABadRequestListsTheViolations() {
        assertThatThrownBy(() -> muster.command("true").time("forever").dryRun())
                .isInstanceOf(SubmissionRejectedException.class).hasMessageContaining("forever");
    }

    @Test
    void anExistingScriptFileRunsAsItIs() throws Exception {
        Path script = data.resolve(unique("script") + ".py");
        Files.writeString(script, "#!/usr/bin/env python3\nimport sys\nprint('from python', sys.argv[1])\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path plain = data.resolve(unique("plain") + ".sh");
        Files.writeString(plain, "echo from bash $1\n");

        JobHandle python = muster.script(script, "an arg").submit();
        JobHandle bash = muster.script(plain, "x").dependsOn(python).submit();

        assertThat(bash.await(WAIT)).isEqualTo(JobState.COMPLETED);
        assertThat(python.stdout()).isEqualTo("from python an arg\n");
        assertThat(bash.stdout()).isEqualTo("from bash x\n");
        assertThat(python.name()).startsWith("script-").endsWith(".py");
    }

    @Test
    void aHandleOnAnEndedJobIsDoneAtOnce() throws Exception {
        JobHandle job = muster.command("echo old").submit();
        job.await(WAIT);

        try (Muster other = Muster.connect(server.url())) {
            JobHandle again = other.job(job.id());

            assertThat(again.isDone()).isTrue();
            assertThat(again.await(Duration.ofSeconds(5))).isEqualTo(JobState.COMPLETED);
            assertThat(again.stdout()).isEqualTo("old\n");
        }
    }

    @Test
    void handlesOnRunningJobsFollowThemToTheEnd() throws Exception {
        JobHandle a = muster.command("sleep 1").submit();
        JobHandle b = muster.command("sleep 1; exit 1").submit();

        try (Muster other = Muster.connect(server.url())) {
            List<JobHandle> handles = other.jobs(List.of(a.id(), b.id()));

            assertThat(Jobs.awaitAll(handles, WAIT)).extracting(JobResult::state)
                    .containsExactly(JobState.COMPLETED, JobState.FAILED);
        }
    }

    @Test
    void aSubscriptionReceivesTheEventsItsSelectorChooses() throws Exception {
        String name = unique("ev");
        BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
        try (Subscription s = muster.events("name = '" + name + "' AND state = 'COMPLETED'", events::add)) {
            JobHandle job = muster.command("true").name(name).submit();

            JobEvent event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(event).isNotNull();
            assertThat(event.jobId()).isEqualTo(job.id());
            assertThat(event.type()).isEqualTo("io.muster.job.completed");
            assertThat(event.eventId()).isEqualTo(job.id() + ":COMPLETED");
            assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aDurableSubscriptionKeepsTheEventsPublishedWhileNobodyListens() throws Exception {
        String name = unique("dur");
        String subscription = unique("sub");
        String selector = "name = '" + name + "' AND group IN ('GOOD','BAD')";
        muster.durableEvents(subscription, selector, e -> { }).close();

        muster.command("true").name(name).submit().await(WAIT);

        BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
        try (Muster later = Muster.connect(server.url());
             Subscription s = later.durableEvents(subscription, selector, events::add)) {
            JobEvent event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo(name);
            assertThat(event.state()).isEqualTo(JobState.COMPLETED);
        }
    }

    @Test
    void connectingWhereNoServerListensSaysSo() throws Exception {
        String url = "tcp://127.0.0.1:" + TestServer.freePort();

        assertThatThrownBy(() -> Muster.connect(url)).isInstanceOf(MusterUnavailableException.class)
                .hasMessageContaining("no Muster server is running at " + url);
    }

    @Test
    void aRequestIdSubmittedTwiceGivesTheSameJob() throws Exception {
        String key = unique("key");
        JobHandle first = muster.command("echo once").requestId(key).submit();
        first.await(WAIT);

        JobHandle second = muster.command("echo once").requestId(key).submit();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.await(Duration.ofSeconds(5))).isEqualTo(JobState.COMPLETED);
    }
}
