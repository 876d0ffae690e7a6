package io.muster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.Muster;
import io.muster.config.GridSettings;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.messaging.Submissions;
import io.muster.options.JobOptions;
import io.muster.options.Keyword;
import io.muster.options.Keywords;
import io.muster.options.OptionResolver;
import io.muster.options.Profiles;
import io.muster.scheduler.slurm.SlurmCluster;
import io.muster.scheduler.sge.SgeCell;
import io.muster.scheduler.sge.SgeDialect;
import io.muster.scheduler.torque.PbsCommands;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The injection suite: every catalogue option × a corpus of header-breaking, path-escaping and
 * identity-changing values (a link out of the work root, {@code extra} options that change the
 * user, files or directory), on every backend (local, Slurm, Torque/PBS, Grid Engine). Each submission is
 * checked by the server's rules, each accepted one is rendered (its header has exactly the
 * directives the same option with a harmless value gives, one line each, nothing naming another
 * user) and then submitted for real: afterwards no file exists outside the work root, and every job
 * that ran, ran as the server's user. Slurm, Torque and Grid Engine parts run when their commands
 * answer (CI starts them with {@code server-config/slurm/start.sh} and
 * {@code server-config/gridengine/start.sh}); the counts are printed.
 */
class InjectionSuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Real submissions per grid backend: a seeded sample of the accepted cases, to bound the time. */
    private static final int GRID_SAMPLE = 30;

    @TempDir
    Path data;

    @TempDir
    Path outside;

    record Case(String backend, String option, Object value) {
    }

    private List<String> corpus(Path root, Path canary) {
        return List.of(
                // header-breaking
                "x\n#SBATCH --uid=65534", "x\r\n#PBS -u nobody", "x\\\n#SBATCH --gid=0", "x #SBATCH --uid=0",
                "x\"y", "x'y", "x;id", "$(id)", "`id`", "x&&id", "x|id", "x>y", "x\u2028#SBATCH --uid=0", "#PBS",
                // path-escaping
                canary.resolve("abs").toString(), "../../../../../../.." + canary.resolve("rel"),
                root.resolve("escape/x").toString(), "../../escape/x", root.resolve("db/muster.mv.db").toString(),
                "../../db/muster.mv.db", root.resolve("broker/journal/j").toString(), "/etc/cron.d/muster-injection",
                // identity-changing
                "--uid=65534", "--gid=65534", "-unobody", "-Pnobody", "--get-user-env", "--chdir=/",
                "--output=" + canary.resolve("o"), "--error=" + canary.resolve("e"), "-o" + canary.resolve("o2"),
                "-e" + canary.resolve("e2"), "-D/", "-d/", "-Wgroup_list=root", "--comment=muster:other",
                "-Wstagein=" + canary.resolve("s") + "@localhost:/etc/hostname");
    }

    /** The same option with a value that cannot do harm: the header it gives is the reference. */
    private static Object harmless(String backend, Keyword keyword) {
        if (keyword.name().equals("extra")) {
            return List.of(switch (backend) {
                case "torque" -> "-p1";
                case "sge" -> "-Pharmless";
                default -> "--contiguous";
            });
        }
        return switch (keyword.kind()) {
            case PATH -> "harmless.out";
            case TOKEN_LIST -> List.of("harmless");
            default -> "harmless";
        };
    }

    private static Submissions rules(Scheduler scheduler, io.muster.config.MusterConfig config) {
        Schedulers schedulers = new Schedulers();
        schedulers.register(scheduler);
        return new Submissions(OptionResolver.forServer(Profiles.builtIn(), config), schedulers, config.workRoot());
    }

    private static String body(String backend, String option, Object value) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", "id -u");
        root.put("backend", backend);
        root.putObject("options").set(option, JSON.valueToTree(value));
        return root.toString();
    }

    private static List<String> header(Scheduler scheduler, JobRecord job) {
        JobSubmission submission = new JobSubmission(job.id(), job.name(), JobOptions.fromNormalised(job.options()),
                JobFiles.of(job), List.of(), false);
        return scheduler.renderWrapper(submission).lines().filter(l -> l.startsWith("#SBATCH") || l.startsWith("#PBS")
                || l.startsWith("#$"))
                .toList();
    }

    /** The option name each directive line sets: "#SBATCH --mem=4000" is --mem, "#PBS -l mem=4000MB" is -l mem. */
    private static List<String> names(List<String> header) {
        return header.stream().map(l -> l.replaceFirst("^#(SBATCH|PBS|\\$) ", ""))
                .map(a -> a.startsWith("-l ") ? "-l " + a.substring(3).replaceAll("[=:].*", "")
                        : a.replaceAll("[= ].*", "")).toList();
    }

    @Test
    void noOptionValueAddsADirectiveWritesOutsideTheWorkRootOrRunsAJobAsAnotherUser() throws Exception {
        String slurmMissing = null;
        String torqueMissing = PbsCommands.whyUnavailable();
        try {
            SlurmCluster.assumeRunning();
        } catch (org.opentest4j.TestAbortedException e) {
            slurmMissing = e.getMessage();
        }
        String sgeMissing = null;
        try {
            SgeCell.assumeRunning();
        } catch (org.opentest4j.TestAbortedException e) {
            sgeMissing = e.getMessage();
        }
        boolean sgeOn = sgeMissing == null;
        boolean slurmOn = slurmMissing == null;
        boolean torqueOn = torqueMissing == null;
        Path canary = Files.createDirectories(outside.resolve("canary"));
        String uid = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip();

        try (TestServer server = TestServer.start(data.resolve("server"), 2, c -> {
            var s = c;
            if (slurmOn) {
                s = s.withSlurm(GridSettings.defaults("slurm").withMode(GridSettings.Mode.ON)
                        .withPollInterval(Duration.ofMillis(250)));
            }
            if (torqueOn) {
                s = s.withTorque(PbsCommands.settings().withMode(GridSettings.Mode.ON)
                        .withPollInterval(Duration.ofMillis(250)));
            }
            if (sgeOn) {
                s = s.withGrid(SgeCell.settings().withMode(GridSettings.Mode.ON)
                        .withPollInterval(Duration.ofMillis(250)));
            }
            return s;
        })) {
            Path root = server.workRoot();
            Files.createSymbolicLink(root.resolve("escape"), canary);
            // the same dialects and pool the server runs, for rendering (nothing is run through these)
            Map<String, Scheduler> running = new LinkedHashMap<>();
            running.put("local", new io.muster.scheduler.local.LocalScheduler(2, 1024));
            running.put("slurm", new GridScheduler(new io.muster.scheduler.slurm.SlurmDialect(),
                    new ProcessCommandRunner(), GridSettings.defaults("slurm")));
            running.put("torque", new GridScheduler(new io.muster.scheduler.torque.TorqueDialect(),
                    new ProcessCommandRunner(), PbsCommands.settings()));
            running.put("sge", new GridScheduler(new SgeDialect(), new ProcessCommandRunner(), SgeCell.settings()));
            // rendered on every backend (pure); submitted on those whose commands answer here
            List<String> backends = List.of("local", "slurm", "torque", "sge");
            List<String> live = new ArrayList<>(List.of("local"));
            if (slurmOn) {
                live.add("slurm");
            }
            if (torqueOn) {
                live.add("torque");
            }
            if (sgeOn) {
                live.add("sge");
            }
            Map<String, Integer> rendered = new TreeMap<>();
            Map<String, Integer> refused = new TreeMap<>();
            List<Case> accepted = new ArrayList<>();
            List<String> values = corpus(root, canary);
            for (String backend : backends) {
                Scheduler scheduler = running.get(backend);
                Submissions rules = rules(scheduler, server.server().config());
                for (Keyword keyword : Keywords.all()) {
                    String option = keyword.name();
                    Submissions.Outcome reference = rules.read(body(backend, option, harmless(backend, keyword)));
                    List<String> referenceNames = reference.accepted() ? names(header(scheduler, reference.job()))
                            : null;
                    for (String value : values) {
                        Object given = option.equals("extra") ? List.of(value) : value;
                        Submissions.Outcome outcome = rules.read(body(backend, option, given));
                        if (!outcome.accepted()) {
                            refused.merge(backend, 1, Integer::sum);
                            continue;
                        }
                        rendered.merge(backend, 1, Integer::sum);
                        accepted.add(new Case(backend, option, given));
                        List<String> header = header(scheduler, outcome.job());
                        String what = backend + " " + option + "=" + given;
                        assertThat(header).as(what).allSatisfy(line -> {
                            assertThat(line).doesNotContain("\n").doesNotContain("\r");
                            assertThat(line).doesNotContainPattern("--uid|--gid|--get-user-env|^#PBS -u|^#PBS -P|"
                                    + "^#PBS -W|group_list|muster:other");
                        });
                        if (referenceNames != null) {
                            assertThat(names(header)).as("%s: the directives of a harmless value", what)
                                    .isEqualTo(referenceNames);
                        }
                        if (backend.equals("local")) {
                            assertThat(header).as(what).isEmpty();
                        }
                    }
                }
            }

            // submitted for real: all of the local pool's, a seeded sample of each grid backend's
            Random random = new Random(13);
            Map<String, List<Case>> byBackend = new LinkedHashMap<>();
            accepted.forEach(c -> byBackend.computeIfAbsent(c.backend(), k -> new ArrayList<>()).add(c));
            Map<String, Integer> submitted = new TreeMap<>();
            Map<String, Integer> ran = new TreeMap<>();
            List<JobHandle> handles = new ArrayList<>();
            try (Muster client = Muster.connect(server.url())) {
                for (Map.Entry<String, List<Case>> e : byBackend.entrySet()) {
                    if (!live.contains(e.getKey())) {
                        continue;
                    }
                    List<Case> cases = new ArrayList<>(e.getValue());
                    if (!e.getKey().equals("local")) {
                        java.util.Collections.shuffle(cases, random);
                        cases = cases.subList(0, Math.min(GRID_SAMPLE, cases.size()));
                    }
                    for (Case c : cases) {
                        if (c.option().equals("depends")) {
                            // rendered above; the server refuses them, as no value of the corpus names a job
                            // of its store (SubmissionDependenciesTest)
                            continue;
                        }
                        handles.add(client.command("id -u").backend(c.backend()).option(c.option(), c.value())
                                .submit());
                        submitted.merge(c.backend(), 1, Integer::sum);
                    }
                }
                for (JobHandle h : handles) {
                    JobState end = h.await(Duration.ofMinutes(3));
                    if (end == JobState.COMPLETED) {
                        JobRecord job = server.server().store().find(new io.muster.api.JobId(h.id())).orElseThrow();
                        ran.merge(job.backend(), 1, Integer::sum);
                        assertThat(Files.readString(job.stdoutPath()).strip()).as("the user job %s ran as", h.id())
                                .isEqualTo(uid);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(canary)) {
                assertThat(files.filter(p -> !p.equals(canary)).toList()).as("files outside the work root").isEmpty();
            }
            assertThat(Path.of("/etc/cron.d/muster-injection")).doesNotExist();
            assertThat(server.server().store().findUnfinished()).isEmpty();
            running.values().forEach(Scheduler::close);
            System.out.printf("injection suite: %d options x %d values on %s: refused %s, rendered %s,"
                            + " submitted %s, completed %s (each as uid %s); no file outside the work root;"
                            + " not submitted to: %s%n", Keywords.all().size(), values.size(), backends, refused,
                    rendered,
                    submitted, ran, uid, (slurmOn ? "" : "slurm (" + slurmMissing + ") ")
                            + (torqueOn ? "" : "torque (" + torqueMissing + ") ")
                            + (sgeOn ? "" : "sge (" + sgeMissing + ")"));
        }
    }
}
