package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client commands in this JVM against a real server over TCP, as a shell user types them. */
class ClientCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(data.resolve("server"), 2);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    record Result(int exit, String out, String err) {
        String line() {
            return out.strip();
        }
    }

    /** {@code muster ARGS --url URL}, capturing what the command prints. */
    private static Result muster(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MusterCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        int dashes = all.indexOf("--");
        if (!all.get(0).equals("completion")) {
            all.add(dashes < 0 ? all.size() : dashes, "--url=" + server.url());
        }
        int exit = cli.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void submitPrintsTheIdAndGetPrintsTheStdoutOfEachJobInOrder() {
        String first = muster("submit", "--", "sleep 0.5; echo first").line();
        String second = muster("submit", "--", "echo", "second").line();

        Result get = muster("get", first, second);

        assertThat(first).matches("[a-z0-9]+-[a-z0-9]{5}");
        assertThat(get.out()).isEqualTo("first\nsecond\n");
        assertThat(get.exit()).isZero();
    }

    @Test
    void getJsonHasStateExitCodeAndBothStreams() throws Exception {
        String id = muster("submit", "--", "echo out; echo err >&2; exit 2").line();

        Result get = muster("get", "--json", id);

        JsonNode job = JSON.readTree(get.out()).get(0);
        assertThat(job.path("jobId").asText()).isEqualTo(id);
        assertThat(job.path("state").asText()).isEqualTo("FAILED");
        assertThat(job.path("exitCode").asInt()).isEqualTo(2);
        assertThat(job.path("stdout").asText()).isEqualTo("out\n");
        assertThat(job.path("stderr").asText()).isEqualTo("err\n");
        assertThat(get.exit()).isEqualTo(ExitStatus.JOB_FAILED);
    }

    @Test
    void waitJsonListsEachJobsEndInOrder() throws Exception {
        String ok = muster("submit", "-n", "fine", "--", "true").line();
        String bad = muster("submit", "--", "exit 4").line();

        Result waited = muster("wait", "--json", ok, bad);

        JsonNode ends = JSON.readTree(waited.out());
        assertThat(ends).hasSize(2);
        assertThat(ends.get(0).path("jobId").asText()).isEqualTo(ok);
        assertThat(ends.get(0).path("name").asText()).isEqualTo("fine");
        assertThat(ends.get(0).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(ends.get(1).path("state").asText()).isEqualTo("FAILED");
        assertThat(ends.get(1).path("exitCode").asInt()).isEqualTo(4);
        assertThat(waited.exit()).isEqualTo(ExitStatus.JOB_FAILED);
    }

    @Test
    void waitJsonAfterATimeoutStillListsEachJobWithItsStateThen() throws Exception {
        String ended = muster("submit", "--", "exit 4").line();
        muster("wait", ended);
        String going = muster("submit", "--", "sleep 30").line();
        try {
            Result waited = muster("wait", "--json", "--timeout", "2", ended, going);

            JsonNode jobs = JSON.readTree(waited.out());
            assertThat(jobs).hasSize(2);
            assertThat(jobs.get(0).path("state").asText()).isEqualTo("FAILED");
            assertThat(jobs.get(0).path("exitCode").asInt()).isEqualTo(4);
            assertThat(jobs.get(1).path("jobId").asText()).isEqualTo(going);
            assertThat(jobs.get(1).path("state").asText()).isIn("QUEUED", "RUNNING");
            assertThat(jobs.get(1).path("exitCode").isNull()).isTrue();
            assertThat(waited.err()).contains(going);
            assertThat(waited.exit()).isEqualTo(ExitStatus.TIMED_OUT);
        } finally {
            muster("cancel", going);
        }
    }

    @Test
    void submitWaitExitsNonZeroNamingAFailedJob() {
        Result r = muster("submit", "--wait", "-n", "doomed", "--", "exit 3");

        assertThat(r.exit()).isEqualTo(ExitStatus.JOB_FAILED);
        assertThat(r.err()).contains(r.line(), "doomed", "FAILED", "exit code 3");
    }

    @Test
    void waitOnCompletedJobsExitsZeroAndOnAnyFailedOneNonZero() {
        String good = muster("submit", "--", "true").line();
        String bad = muster("submit", "--", "false").line();

        assertThat(muster("wait", good).exit()).isZero();
        Result mixed = muster("wait", good, bad);
        assertThat(mixed.exit()).isEqualTo(ExitStatus.JOB_FAILED);
        assertThat(mixed.err()).contains(bad).doesNotContain(good);
    }

    @Test
    void waitWithATimeoutExitsThreeNamingTheJobStillGoing() {
        String id = muster("submit", "-n", "sleeper", "--", "sleep 10").line();
        try {
            Result r = muster("wait", "--timeout", "1", id);

            assertThat(r.exit()).isEqualTo(ExitStatus.TIMED_OUT);
            assertThat(r.err()).contains(id, "sleeper", "1 s");
        } finally {
            muster("cancel", id);
        }
    }

    @Test
    void rejectedSubmissionPrintsEveryViolationAndExits125() {
        Result r = muster("submit", "-m", "lots", "-o", "corse=2", "--", "true");

        assertThat(r.exit()).isEqualTo(ExitStatus.REJECTED);
        assertThat(r.err()).contains("mem", "lots", "corse", "did you mean cores?");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anExistingScriptRunsAsItIsWithItsArguments() throws Exception {
        Path script = data.resolve(unique("step") + ".sh");
        Files.writeString(script, "echo \"got $1 and $2\"\n");
        String before = muster("submit", "--", "true").line();

        String id = muster("submit", "-f", script.toString(), "-d", before, "--", "one", "two words").line();

        assertThat(muster("get", id).out()).isEqualTo("got one and two words\n");
    }

    @Test
    void dryRunPrintsTheScriptAndTheWrapperAndRunsNothing() {
        String name = unique("dry");
        Result r = muster("submit", "--dry-run", "-n", name, "--", "echo", "not run");

        assertThat(r.exit()).isZero();
        // "not run" was one word after --: it reaches the job as one argument (issue 12)
        assertThat(r.out()).contains("job.sh", "echo 'not run'", "wrapper.sh", "exitcode");
        assertThat(muster("queue", "--all", "--ids", "-n", name).out()).isEmpty();
    }

    @Test
    void queueShowsViewsAndFiltersAsTableIdsCountAndJson() throws Exception {
        String name = unique("q");
        String done = muster("submit", "-n", name, "--", "true").line();
        muster("wait", done);
        String running = muster("submit", "-n", name, "--", "sleep 10").line();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> muster("queue", "--running", "--ids", "-n", name).line().equals(running));

            assertThat(muster("queue", "--done", "--ids", "-n", name).line()).isEqualTo(done);
            assertThat(muster("queue", "--all", "--count", "-n", name).line()).isEqualTo("2");
            assertThat(muster("queue", "--ids", "-n", name, "-u", "nobody-" + name).out()).isEmpty();
            assertThat(muster("queue", "--ids", "-n", name, "-u", System.getProperty("user.name")).line())
                    .isEqualTo(running);
            Result table = muster("queue", "-n", name);
            assertThat(table.out()).contains("ID", "STATE", running, "RUNNING").doesNotContain(done);
            JsonNode counts = JSON.readTree(muster("queue", "--all", "--count", "--json", "-n", name).out());
            assertThat(counts.path("total").asInt()).isEqualTo(2);
            assertThat(counts.path("byState").path("COMPLETED").asInt()).isEqualTo(1);
            JsonNode list = JSON.readTree(muster("queue", "--all", "--json", "-n", name).out());
            assertThat(list).hasSize(2);
            assertThat(list.get(0).path("jobId").asText()).isEqualTo(done);
        } finally {
            muster("cancel", running);
        }
    }

    @Test
    void queueWithAnIdShowsTheJobInFull() throws Exception {
        String id = muster("submit", "-m", "1GB", "-n", "full", "--", "echo hi").line();
        muster("wait", id);

        Result text = muster("queue", id);
        JsonNode json = JSON.readTree(muster("queue", "--json", id).out());

        assertThat(text.out()).contains("job " + id, "exit code:", "scheduler id:", "history:", "ACCEPTED",
                "COMPLETED", "stdout:");
        assertThat(json.path("options").path("mem").asInt()).isEqualTo(1024);
        assertThat(json.path("history")).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void queueOfAnUnknownJobSaysSoAndExitsTwo() {
        Result r = muster("queue", "zzzzzzzz-00000");

        assertThat(r.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).contains("no job zzzzzzzz-00000");
    }

    @Test
    void cancelEndsARunningJobAndWaitThenReportsItCancelledAndAnUnknownIdIsAUsageError() {
        String id = muster("submit", "--", "sleep 30").line();

        Result cancel = muster("cancel", id, "zzzzzzzz-00000");
        Result wait = muster("wait", id);

        assertThat(cancel.out()).contains(id);
        assertThat(cancel.err()).contains("no job zzzzzzzz-00000");
        assertThat(cancel.exit()).as("an unknown id is exit 2, as for get and wait").isEqualTo(ExitStatus.USAGE);
        assertThat(wait.exit()).isEqualTo(ExitStatus.JOB_FAILED);
        assertThat(wait.err()).contains(id, "CANCELLED");
    }

    @Test
    void resubmitPrintsANewIdThatRunsTheSameCommandAndIsLinkedToTheOld() throws Exception {
        String old = muster("submit", "--", "echo again").line();
        muster("wait", old);

        String fresh = muster("resubmit", old).line();

        assertThat(fresh).isNotEqualTo(old);
        assertThat(muster("get", fresh).out()).isEqualTo("again\n");
        assertThat(JSON.readTree(muster("queue", "--json", fresh).out()).path("resubmittedFrom").asText()).isEqualTo(old);
    }

    @Test
    void cleanOfJobIdsDeletesTheirScriptsOnlyAndWithOutputsTheRest() throws Exception {
        String id = muster("submit", "--", "echo x").line();
        muster("wait", id);
        Path dir = Path.of(JSON.readTree(muster("queue", "--json", id).out()).path("workDir").asText());

        Result scripts = muster("clean", id);

        assertThat(scripts.exit()).isZero();
        assertThat(dir.resolve("job.sh")).doesNotExist();
        assertThat(dir.resolve("wrapper.sh")).doesNotExist();
        assertThat(dir.resolve("stdout")).exists();

        muster("clean", "--outputs", id);

        assertThat(dir).doesNotExist();
    }

    /** Regression (black-box probe): an unknown id exited 1, as if a job had failed, and was counted as cleaned. */
    @Test
    void cleanOfAnUnknownIdSaysNoJobExits2AndCountsOnlyTheJobsCleaned() throws Exception {
        String id = muster("submit", "--", "echo x").line();
        muster("wait", id);

        Result r = muster("clean", id, "mwxzzzzz-99999");

        assertThat(r.exit()).as("%s", r).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).contains("muster: no job mwxzzzzz-99999");
        assertThat(r.out()).containsPattern("deleted \\d+ paths of 1 jobs; 1 skipped");
    }

    @Test
    void cleanOfADirectoryDeletesOnlyFilesNamedAsMusterNamesThemAfterConfirmation() throws Exception {
        Path root = Files.createDirectories(data.resolve(unique("sweep")));
        Path job = Files.createDirectories(root.resolve("work/jobs/mwxabcde-12345"));
        for (String f : List.of("job.sh", "wrapper.sh", "stdout", "stderr", "exitcode", "mine.txt")) {
            Files.writeString(job.resolve(f), f);
        }
        Path running = Files.createDirectories(root.resolve("work/jobs/mwxabcdf-12345"));
        Files.writeString(running.resolve("job.sh"), "");
        Files.writeString(running.resolve("pid"), "1");
        Path notMusters = Files.createDirectories(root.resolve("other"));
        Files.writeString(notMusters.resolve("job.sh"), "");

        Result declined = withStdin("n\n", () -> muster("clean", root.toString()));

        assertThat(declined.exit()).isEqualTo(ExitStatus.JOB_FAILED);
        assertThat(job.resolve("job.sh")).exists();

        Result yes = withStdin("y\n", () -> muster("clean", "--outputs", root.toString()));

        assertThat(yes.exit()).isZero();
        try (var left = Files.list(job)) {
            assertThat(left).containsExactly(job.resolve("mine.txt"));
        }
        assertThat(running.resolve("job.sh")).exists();
        assertThat(yes.err()).contains("may still run");
        assertThat(notMusters.resolve("job.sh")).exists();
    }

    @Test
    void cleanOfADirectoryWithYesDoesNotAskAndRemovesEmptiedJobDirectories() throws Exception {
        Path root = Files.createDirectories(data.resolve(unique("yes")));
        Path job = Files.createDirectories(root.resolve("mwxabcde-54321"));
        Files.writeString(job.resolve("job.sh"), "");
        Files.writeString(job.resolve("wrapper.sh"), "");

        Result r = withStdin("", () -> muster("clean", "--yes", root.toString()));

        assertThat(r.exit()).isZero();
        assertThat(job).doesNotExist();
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        Result r = muster("completion");

        assertThat(r.out()).contains("complete -F", "submit", "wait", "queue", "cancel", "--running");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("submit", "wait", "get", "queue", "cancel", "resubmit", "clean", "completion",
                "run", "server")) {
            StringWriter out = new StringWriter();
            int exit = new CommandLine(new MusterCli()).setOut(new PrintWriter(out)).execute(command, "--help");
            assertThat(exit).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: muster " + command);
        }
    }

    private static Result withStdin(String input, java.util.function.Supplier<Result> run) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(before);
        }
    }
}
