package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.config.GridSettings;
import io.muster.scheduler.slurm.SlurmCluster;
import io.muster.scheduler.torque.PbsCommands;
import io.muster.testing.RealService;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user coming from fyrd expects, on every backend (issue 12): one server with the local
 * pool, Slurm and Torque/PBS (Slurm's PBS commands) switched on, driven through the CLI over TCP
 * as a shell user types it. A backend this machine cannot run is skipped with the reason.
 */
class FyrdParityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);

    @TempDir
    static Path data;

    private static TestServer server;
    private static String noSlurm;
    private static String noTorque;

    @BeforeAll
    static void startServerWithEveryBackend() throws Exception {
        noSlurm = SlurmCluster.whyUnavailable();
        noTorque = PbsCommands.whyUnavailable();
        server = TestServer.start(data.resolve("server"), 2, c -> c
                .withSlurm(GridSettings.defaults("slurm").withMode(noSlurm == null ? GridSettings.Mode.ON : GridSettings.Mode.OFF)
                        .withPollInterval(POLL))
                .withTorque(PbsCommands.settings().withMode(noTorque == null ? GridSettings.Mode.ON : GridSettings.Mode.OFF)
                        .withPollInterval(POLL)));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Skips (or, in CI, fails) a test whose backend does not run here. */
    private static void given(String backend) {
        switch (backend) {
            case "slurm" -> RealService.require(noSlurm);
            case "torque" -> RealService.require(noTorque);
            default -> { }
        }
    }

    /** {@code muster ARGS} with {@code --url} of the test server put before any {@code --}. */
    static Cli muster(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int dashes = all.indexOf("--");
        all.add(dashes < 0 ? all.size() : dashes, "--url=" + server.url());
        return Cli.run(all.toArray(String[]::new));
    }

    private static String submit(String backend, String... argsAndCommand) {
        List<String> all = new ArrayList<>(List.of("submit", "-b", backend));
        all.addAll(List.of(argsAndCommand));
        Cli r = muster(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out().strip();
    }

    private static JsonNode getJson(String id) throws Exception {
        Cli r = muster("get", "--json", id);
        return JSON.readTree(r.out()).get(0);
    }

    // ---- item 1: the words after -- are an argv

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "slurm", "torque"})
    void issue12_wordsAfterDashesAreOneArgumentEach(String backend) throws Exception {
        given(backend);

        String exits7 = submit(backend, "--", "sh", "-c", "exit 7");
        String prints = submit(backend, "--", "printf", "%s|", "a  b", "c;d", "$HOME");
        String bothStreams = submit(backend, "--", "sh", "-c", "echo out; echo err >&2");

        assertThat(getJson(exits7).path("exitCode").asInt(-1)).isEqualTo(7);
        assertThat(getJson(prints).path("stdout").asText()).isEqualTo("a  b|c;d|$HOME|");
        JsonNode both = getJson(bothStreams);
        assertThat(both.path("stdout").asText()).isEqualTo("out\n");
        assertThat(both.path("stderr").asText()).isEqualTo("err\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "slurm", "torque"})
    void issue12_oneWordAfterDashesIsAShellLine(String backend) throws Exception {
        given(backend);

        String id = submit(backend, "--", "echo one && echo two | tr a-z A-Z");

        assertThat(getJson(id).path("stdout").asText()).isEqualTo("one\nTWO\n");
    }

    // ---- item 3: a dry run shows what submit writes

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "slurm", "torque"})
    void issue12_dryRunPrintsTheWrapperSubmitWritesDirectivesIncluded(String backend) throws Exception {
        given(backend);
        String[] options = {"-c", "1", "-t", "0:05:00", "-n", "dry", "--", "echo", "hi"};

        Cli dry = muster(concat(new String[] {"submit", "--dry-run", "-b", backend}, options));
        String dryId = dry.out().lines().filter(l -> l.startsWith("# ") && l.endsWith("job.sh")).findFirst()
                .map(l -> Path.of(l.substring(2)).getParent().getFileName().toString()).orElseThrow();
        String realId = submit(backend, options);
        muster("wait", realId);
        String written = Files.readString(server.workRoot().resolve("jobs").resolve(realId).resolve("wrapper.sh"));

        assertThat(dry.exit()).as(dry.err()).isZero();
        // the PBS name ends in the id's random tail (TorqueDialect.pbsName)
        String dryTail = dryId.substring(dryId.length() - 5);
        assertThat(dry.out().replace(dryId, "ID").replace(dryTail, "TAIL"))
                .contains(written.replace(realId, "ID").replace(realId.substring(realId.length() - 5), "TAIL"));
        switch (backend) {
            case "slurm" -> assertThat(dry.out()).contains("#SBATCH --job-name=dry\n", "#SBATCH --time=00:05:00\n",
                    "#SBATCH --cpus-per-task=1\n", "# submitted with: sbatch --parsable ");
            case "torque" -> assertThat(dry.out()).contains("#PBS -N dry-" + dryTail + "\n", "#PBS -l walltime=00:05:00\n",
                    "# submitted with: qsub -o ");
            default -> assertThat(dry.out()).doesNotContain("#SBATCH", "#PBS", "# submitted with");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    // ---- item 2: clean_files and clean_outputs are applied

    private static Path jobFile(String id, String name) {
        return server.workRoot().resolve("jobs").resolve(id).resolve(name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "slurm", "torque"})
    void issue12_cleanFilesDeletesTheScriptsOfAJobThatEndedWell(String backend) {
        given(backend);

        String good = submit(backend, "-o", "clean_files=true", "--", "echo", "kept");
        String bad = submit(backend, "-o", "clean_files=true", "--", "sh", "-c", "exit 3");
        String plain = submit(backend, "--", "true");
        muster("wait", good, bad, plain);

        assertThat(jobFile(good, "job.sh")).doesNotExist();
        assertThat(jobFile(good, "wrapper.sh")).doesNotExist();
        assertThat(jobFile(good, "stdout")).hasContent("kept");
        assertThat(jobFile(bad, "job.sh")).exists();
        assertThat(jobFile(bad, "wrapper.sh")).exists();
        assertThat(jobFile(plain, "wrapper.sh")).exists();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "slurm", "torque"})
    void issue12_cleanOutputsDeletesStdoutAndStderrOnceGetCollectedThem(String backend) {
        given(backend);
        String cleaned = submit(backend, "-o", "clean_outputs=true", "--", "sh", "-c", "echo out; echo err >&2");
        String plain = submit(backend, "--", "echo", "stays");
        muster("wait", cleaned, plain);
        assertThat(jobFile(cleaned, "stdout")).hasContent("out");

        Cli get = muster("get", "-e", cleaned, plain);

        assertThat(get.out()).isEqualTo("out\nstays\n");
        assertThat(get.err()).isEqualTo("err\n");
        assertThat(jobFile(cleaned, "stdout")).doesNotExist();
        assertThat(jobFile(cleaned, "stderr")).doesNotExist();
        assertThat(jobFile(cleaned, "exitcode")).exists();
        assertThat(jobFile(plain, "stdout")).exists();
    }

    // ---- item 7: what "exit code" means for a job that did not end by itself

    /** Waits until the job runs: a cancel then reaches its process, not the queue. */
    private static void awaitRunning(String id) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < until) {
            JsonNode job = JSON.readTree(muster("queue", "--json", id).out());
            JsonNode first = job.isArray() ? job.get(0) : job;
            if (first != null && "RUNNING".equals(first.path("state").asText())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not start within 2 minutes");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "slurm", "torque"})
    void issue12_aCancelledJobHasNoExitCodeOnEveryBackend(String backend) throws Exception {
        given(backend);
        String id = submit(backend, "--", "sleep", "120");
        awaitRunning(id);

        muster("cancel", id);
        JsonNode end = getJson(id);

        assertThat(end.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(end.path("exitCode").isNull()).as(end.toString()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void issue12_aTimedOutJobHasNoExitCodeOnEveryBackend() throws Exception {
        // Slurm and its PBS layer enforce limits in whole minutes, checked every 30 s: all at once
        List<String> backends = new ArrayList<>(List.of("local"));
        if (noSlurm == null) {
            backends.add("slurm");
        }
        if (noTorque == null) {
            backends.add("torque");
        }
        List<String> ids = new ArrayList<>();
        for (String backend : backends) {
            ids.add(submit(backend, "-t", backend.equals("local") ? "2" : "1:00", "--", "sleep", "300"));
        }

        for (int i = 0; i < ids.size(); i++) {
            JsonNode end = getJson(ids.get(i));
            assertThat(end.path("state").asText()).as(backends.get(i) + ": " + end).isEqualTo("TIMEOUT");
            assertThat(end.path("exitCode").isNull()).as(backends.get(i) + ": " + end).isTrue();
        }
        RealService.require(noSlurm);
        RealService.require(noTorque);
    }

    // ---- item 7: profile changes reach a running server

    @org.junit.jupiter.api.Test
    void issue12_aProfileAddedWithTheCliIsUsedByTheRunningServerAtOnce() throws Exception {
        Path file = data.resolve("edited.toml");
        String name = "tiny" + System.nanoTime() % 100000;
        Cli before = muster("submit", "--profile", name, "--", "true");

        Cli added = muster("profile", "add", "--config=" + file, name, "cores=1", "mem=64MB", "time=0:10:00");
        String id = submit("local", "--profile", name, "--", "true");
        JsonNode job = JSON.readTree(muster("queue", "--json", id).out());

        assertThat(before.exit()).isEqualTo(ExitStatus.REJECTED);
        assertThat(before.err()).contains(name);
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("added profile " + name + " in " + file, "the server at " + server.url()
                + " uses these profiles now");
        assertThat(job.path("profile").asText()).isEqualTo(name);
        assertThat(job.path("options").path("mem").asInt()).isEqualTo(64);
        assertThat(job.path("options").path("time").asText()).isEqualTo("00:10:00");
    }

    // ---- item 6: the queue view shows what the scheduler's status call shows

    private static JsonNode queueJson(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("queue", "--json"));
        all.addAll(List.of(args));
        Cli r = muster(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "slurm", "torque"})
    void issue12_queueShowsThePartitionTheNodesAndTheCpusOfARunningJob(String backend) throws Exception {
        given(backend);
        String name = "placed" + System.nanoTime() % 100000;
        List<io.muster.client.JobEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (io.muster.client.Muster client = io.muster.client.Muster.connect(server.url());
             var subscription = client.events("name = '" + name + "'", events::add)) {
            String id = submit(backend, "-n", name, "--", "sleep", "4");
            awaitRunning(id);
            Thread.sleep(POLL.toMillis() * 3);

            JsonNode job = queueJson(id);
            String table = muster("queue").out();
            String detail = muster("queue", id).out();
            muster("wait", id);

            assertThat(job.path("nodes").asText(null)).as(job.toString()).isNotBlank();
            assertThat(job.path("nodeCount").asInt()).isEqualTo(1);
            assertThat(job.path("cpus").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(table).containsPattern(id + ".* " + java.util.regex.Pattern.quote(job.path("nodes").asText()) + "\\s*\n");
            assertThat(detail).contains("nodes:", job.path("nodes").asText(), "cpus:");
            JsonNode running = JSON.readTree(events.stream().filter(e -> e.state() == io.muster.api.JobState.RUNNING)
                    .findFirst().orElseThrow().json()).path("data");
            assertThat(running.path("nodes").asText()).isEqualTo(job.path("nodes").asText());
            assertThat(running.path("cpus").asInt()).isEqualTo(job.path("cpus").asInt());
            if (!backend.equals("local")) {
                // no partition asked for: the one the scheduler chose, which queue -p finds
                assertThat(job.path("partition").asText()).isEqualTo("debug");
                assertThat(running.path("partition").asText()).isEqualTo("debug");
                assertThat(queueJson("--all", "-p", "debug", "-b", backend)).extracting(j -> j.path("jobId").asText())
                        .contains(id);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "slurm"})
    void issue12_queueShowsWhyAJobWaits(String backend) throws Exception {
        given(backend);
        String first = submit(backend, "--", "sleep", "5");
        String second = submit(backend, "-d", first, "--", "true");
        awaitRunning(first);
        Thread.sleep(POLL.toMillis() * 4);

        JsonNode waiting = queueJson(second);
        String table = muster("queue").out();
        muster("wait", first, second);

        String expected = backend.equals("slurm") ? "Dependency" : "waiting for [" + first + "]";
        assertThat(waiting.path("state").asText()).isEqualTo("QUEUED");
        assertThat(waiting.path("reason").asText()).isEqualTo(expected);
        assertThat(table).contains("(" + expected + ")");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"slurm", "torque"})
    void issue12_queueSchedulerShowsTheUsersWholeQueueMustersJobsAndOthers(String backend) throws Exception {
        given(backend);
        String id = submit(backend, "--", "sleep", "5");
        awaitRunning(id);
        String schedulerId = queueJson(id).path("schedulerId").asText();
        Path script = Files.writeString(data.resolve("outsider-" + backend + ".sh"), "#!/bin/bash\nsleep 5\n");
        List<String> outside = backend.equals("slurm")
                ? List.of("sbatch", "--parsable", "--job-name=outsider", "--output=/dev/null", script.toString())
                : PbsCommands.settings().resolve(List.of("qsub", "-N", "outsider", "-o", "/dev/null", "-e", "/dev/null",
                        script.toString()));
        Process p = new ProcessBuilder(outside).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String outsiderId = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(outsiderId).isZero();

        JsonNode all = queueJson("--scheduler=" + backend);
        String table = muster("queue", "--scheduler").out();
        muster("wait", id);

        assertThat(all).extracting(j -> j.path("schedulerId").asText()).contains(schedulerId, outsiderId);
        // by its id, not its name: the other backend's outsider may still run (here Torque is Slurm underneath)
        assertThat(all).filteredOn(j -> j.path("schedulerId").asText().equals(outsiderId)).singleElement()
                .satisfies(j -> {
                    assertThat(j.path("name").asText()).isEqualTo("outsider");
                    assertThat(j.path("partition").asText()).isEqualTo("debug");
                    assertThat(j.path("jobId").isNull()).as("an outsider has no Muster id").isTrue();
                });
        // Slurm's by the comment Muster gave the job; Torque's (no such tag) by the store's scheduler id
        assertThat(all).filteredOn(j -> j.path("schedulerId").asText().equals(schedulerId)).singleElement()
                .satisfies(j -> assertThat(j.path("jobId").asText()).isEqualTo(id));
        assertThat(table).contains("NODELIST(REASON)", "outsider", schedulerId);
    }

    // ---- item 4: arrays on every backend

    /** Each task says its index (Muster's and the scheduler's own variable), task 2 fails with 3. */
    private static final String TASK = "echo \"task $MUSTER_ARRAY_INDEX ${SLURM_ARRAY_TASK_ID:-${PBS_ARRAYID:-}}\";"
            + " [ \"$MUSTER_ARRAY_INDEX\" != 2 ] || exit 3";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "slurm", "torque"})
    void issue12_anArrayRunsEveryTaskWithFilesOfItsOwnAndFailsNamingTheFailedTask(String backend) throws Exception {
        given(backend);
        String failing = submit(backend, "-o", "array=1-3", "--", TASK);
        // the first task ends last: a scheduler that shows one task for the array must not end the job early
        String passing = submit(backend, "-o", "array=1-3", "--",
                "echo \"ok $MUSTER_ARRAY_INDEX\"; sleep $(( (3 - MUSTER_ARRAY_INDEX) * 2 ))");

        JsonNode failed = getJson(failing);
        JsonNode completed = getJson(passing);
        JsonNode detail = queueJson(failing);
        String shown = muster("queue", failing).out();

        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("exitCode").asInt()).isEqualTo(3);
        assertThat(failed.path("reason").asText()).contains("task 2 exited 3");
        String own = backend.equals("local") ? "" : " ";
        assertThat(failed.path("stdout").asText()).startsWith("task 1" + own).contains("\ntask 2" + own, "\ntask 3" + own);
        if (!backend.equals("local")) {
            assertThat(failed.path("stdout").asText()).isEqualTo("task 1 1\ntask 2 2\ntask 3 3\n");
        }
        for (int task = 1; task <= 3; task++) {
            assertThat(jobFile(failing, "stdout." + task)).content().startsWith("task " + task);
            assertThat(jobFile(failing, "exitcode." + task)).hasContent(task == 2 ? "3" : "0");
        }
        assertThat(completed.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(completed.path("stdout").asText()).isEqualTo("ok 1\nok 2\nok 3\n");
        assertThat(detail.path("tasks")).extracting(t -> t.path("index").asInt() + ":" + t.path("state").asText()
                + ":" + t.path("exitCode").asText()).containsExactly("1:COMPLETED:0", "2:FAILED:3", "3:COMPLETED:0");
        assertThat(shown).contains("tasks:", "FAILED", "exit code 3");
    }
}
