package io.muster.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import io.muster.config.MusterConfig;
import io.muster.messaging.Submissions;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.testing.SubmissionJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work-root check is on real paths: links are followed, relative files are the job
 * directory's (as the scheduler will open them), and what the server keeps for itself in its data
 * directory (database, broker journal, flows) is out of reach even though the default work root
 * is that directory.
 */
class RealWorkRootTest {

    @TempDir
    Path dir;

    private Path data;
    private Path outside;
    private MusterConfig config;
    private OptionResolver resolver;

    @BeforeEach
    void layout() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(data.resolve("jobs"));
        Files.createDirectories(data.resolve("db"));
        config = new MusterConfig(data, MusterConfig.DEFAULT_BROKER_HOST, 0, 2, 1024, 8);
        resolver = OptionResolver.forServer(Profiles.builtIn(), config);
    }

    private List<Violation> outfile(String path) {
        return resolver.resolve(Map.of("outfile", path)).violations();
    }

    @Test
    void aLinkInsideTheWorkRootPointingOutIsRefused() throws Exception {
        Files.createSymbolicLink(data.resolve("escape"), outside);

        assertThat(outfile(data.resolve("escape/out.txt").toString())).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("must stay inside the work root")
                        .contains("through a link it leads to " + outside.toRealPath()));
        assertThat(outfile("../../escape/out.txt")).as("relative, from the job's directory").hasSize(1);
    }

    @Test
    void aLinkAndThenDotDotClimbFromTheLinksTarget() throws Exception {
        Files.createDirectories(outside.resolve("deep"));
        Files.createSymbolicLink(data.resolve("deeplink"), outside.resolve("deep"));

        // lexically data/deeplink/../x is data/x; the kernel goes to outside/x
        assertThat(outfile(data.resolve("deeplink/../x").toString())).hasSize(1);
    }

    @Test
    void aDanglingLinkIsJudgedByWhereItPoints() throws Exception {
        Files.createSymbolicLink(data.resolve("later"), outside.resolve("not-yet"));

        assertThat(outfile(data.resolve("later").toString())).hasSize(1);
    }

    @Test
    void theJobDatabaseBrokerJournalAndFlowsAreOutOfReachInsideTheDefaultWorkRoot() {
        assertThat(config.workRoot()).isEqualTo(data.toAbsolutePath());

        for (String kept : List.of("db/muster.mv.db", "broker/journal/x", "flows/evil.xml")) {
            assertThat(outfile(data.resolve(kept).toString())).as(kept).singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("which Muster keeps for itself"));
        }
        assertThat(outfile("../../db/muster.mv.db")).as("relative from the job's directory").hasSize(1);
        assertThat(outfile(data.resolve("results/out.txt").toString())).isEmpty();
    }

    /** Regression (black-box probe): a job could have the scheduler overwrite another job's script or exit code. */
    @Test
    void anotherJobsFilesAreOutOfReach() throws Exception {
        Path other = Files.createDirectories(data.resolve("jobs/mx5lother-aaaaa"));

        for (String path : List.of("../mx5lother-aaaaa/job.sh", "../mx5lother-aaaaa/exitcode",
                other.resolve("exitcode").toString(), "../mx5lother-aaaaa/new.txt")) {
            assertThat(outfile(path)).as(path).singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("must not reach another job's directory"));
        }
    }

    @Test
    void theFilesMusterWritesInTheJobsOwnDirectoryAreOutOfReach() {
        for (String name : List.of("exitcode", "wrapper.sh", "job.sh", "stdout", "stderr", "started", "pid",
                "handover", "tasks", "exitcode.3", "./stdout")) {
            assertThat(outfile(name)).as(name).singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("which Muster writes itself"));
        }
        assertThat(outfile("stdout.txt")).as("another name").isEmpty();
        assertThat(outfile("logs/exitcode")).as("in a directory of its own").isEmpty();
    }

    @Test
    void aDirectoryIsNoFile() {
        for (String path : List.of(".", "..", "../..", data.toString(), data.resolve("jobs").toString())) {
            assertThat(outfile(path)).as(path).singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("is a directory; it must name a file"));
        }
    }

    @Test
    void gridEnginesExitCodesAreOutOfReach() {
        assertThat(outfile("../../sge/exit/123")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("which Muster keeps for itself"));
    }

    @Test
    void aRelativeOutfileIsTheJobDirectorysAndIsWrittenAbsoluteForTheScheduler() {
        Schedulers schedulers = new Schedulers();
        schedulers.register(new LocalScheduler(2, 1024));
        Submissions rules = new Submissions(resolver, schedulers, config.workRoot());

        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").option("outfile", "logs/out.txt")
                .option("errfile", "../shared.err").json());

        Path jobDir = outcome.job().workDir();
        assertThat(outcome.job().options()).containsEntry("outfile", jobDir.resolve("logs/out.txt").toString())
                .containsEntry("errfile", jobDir.resolve("../shared.err").toString());
    }

    @Test
    void aWorkRootInsideTheBrokerJournalIsAConfigurationError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MusterConfig(data, "127.0.0.1", 0, 2, 1024, 8,
                        data.resolve("broker/work"), MusterConfig.DEFAULT_POLL_INTERVAL, null, Map.of(), null, null,
                        null, null, null, 0, null, null, null, null))
                .hasMessageContaining("jobs.work_root must not be inside the broker journal");
    }
}
