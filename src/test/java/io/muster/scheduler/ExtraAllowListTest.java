package io.muster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import io.muster.config.GridSettings;
import io.muster.messaging.Submissions;
import io.muster.options.OptionResolver;
import io.muster.scheduler.sge.SgeDialect;
import io.muster.scheduler.slurm.SlurmDialect;
import io.muster.scheduler.torque.TorqueDialect;
import io.muster.testing.SubmissionJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code extra} is allow-listed per scheduler: nothing that changes identity, files or directories gets through. */
class ExtraAllowListTest {

    private final ExtraArguments slurm = new SlurmDialect().extraArguments();
    private final ExtraArguments torque = new TorqueDialect().extraArguments();
    private final ExtraArguments sge = new SgeDialect().extraArguments();

    private static Submissions rulesFor(GridDialect dialect) {
        Schedulers schedulers = new Schedulers();
        schedulers.register(new GridScheduler(dialect, new RecordingCommandRunner(), GridSettings.defaults(
                dialect.name()), "alice"));
        return new Submissions(new OptionResolver(), schedulers, Path.of("/tmp/muster-work"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--uid=nobody", "--gid=0", "--output=/anywhere", "--error=/tmp/e", "--chdir=/",
            "--input=/etc/shadow", "--get-user-env", "--comment=muster:other", "--job-name=x", "--dependency=afterok:1",
            "-o/tmp/x", "-D/", "--ui=0", "--outp=/tmp/x", "--export=ALL", "--wrap=id"})
    void slurmRefusesWhatChangesIdentityFilesOrDirectoriesNamingTheValue(String item) {
        assertThat(slurm.check(List.of(item))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("extra");
            assertThat(v.value()).isEqualTo(item);
            assertThat(v.message()).startsWith("extra '" + item + "'");
        });
    }

    @Test
    void slurmSaysWhyAnOptionIsRefused() {
        assertThat(slurm.check(List.of("--uid=nobody")).get(0).message()).contains("Unix user");
        assertThat(slurm.check(List.of("--output=/anywhere")).get(0).message()).contains("use outfile");
        assertThat(slurm.check(List.of("--chdir=/")).get(0).message()).contains("use runpath");
        assertThat(slurm.check(List.of("--ui=0")).get(0).message()).contains("is not an option Muster passes to sbatch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--nodelist=/etc/hostname", "--exclude=/etc/hostname", "--nodelist=./nodes",
            "--exclude=../nodes"})
    void slurmRefusesANodeListThatNamesAFileSbatchWouldReadItFrom(String item) {
        assertThat(slurm.check(List.of(item))).singleElement().satisfies(v -> {
            assertThat(v.value()).isEqualTo(item);
            assertThat(v.message()).contains("names a file");
        });
        assertThat(slurm.check(List.of("--nodelist=node[1-4],gpu7", "--exclude=node3"))).isEmpty();
        assertThat(slurm.check(List.of("--nodelist"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("needs a value"));
    }

    @Test
    void slurmLetsResourceOptionsThroughInTheirForm() {
        assertThat(slurm.check(List.of("--gres=gpu:1", "--mail-type=END,FAIL", "--exclusive", "--nice=10",
                "--contiguous", "--tmp=10G"))).isEmpty();
        assertThat(slurm.check(List.of("--gres"))).as("a value-taking option without its value would eat the next"
                + " directive").singleElement().satisfies(v -> assertThat(v.message()).contains("needs a value"));
        assertThat(slurm.check(List.of("--contiguous=yes"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("takes no value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-uroot", "-Pother", "-Wgroup_list=wheel", "-Wstagein=/etc/passwd@host:/x", "-o/tmp/x",
            "-e/tmp/e", "-d/", "-w/", "-S/bin/sh", "-C#SBATCH", "-lhost=other", "-l", "-lpmem", "-V", "-h", "--uid=0"})
    void torqueRefusesWhatChangesIdentityFilesOrDirectoriesNamingTheValue(String item) {
        assertThat(torque.check(List.of(item))).singleElement().satisfies(v -> assertThat(v.value()).isEqualTo(item));
    }

    @Test
    void torqueLetsResourcesAndPriorityThrough() {
        assertThat(torque.check(List.of("-lpmem=2gb,vmem=4gb", "-p10", "-p-10", "-mabe"))).isEmpty();
    }

    /** Regression: Torque took -m-u, which Grid Engine refuses; both now refuse a value that starts with '-'. */
    @ParameterizedTest
    @ValueSource(strings = {"-m-u", "-m-b", "-p", "-pten", "-m"})
    void torqueRefusesAValueStartingWithADashOrMissingAsGridEngineDoes(String item) {
        // given an item whose value reads as an option, or is missing
        // when Torque checks it, then it is one violation naming the value
        assertThat(torque.check(List.of(item))).singleElement().satisfies(v -> assertThat(v.value()).isEqualTo(item));
        assertThat(torque.check(List.of("-m-u")).get(0).message()).contains("starting with '-'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-o/tmp/x", "-e/tmp/e", "-i/etc/shadow", "-jy", "-wd/", "-cwd", "-S/bin/sh", "-C#SBATCH",
            "-@/etc/opts", "-jsv/tmp/v.sh", "-Nother", "-hold_jid1", "-q", "-pe4", "-h", "-sync", "-clear", "-soft",
            "-lh_vmem=1G", "-lh_rt=60", "-lqname=all.q", "-la=x", "-l", "-lh_cpu", "-p", "-pten", "-m-b", "-P-x",
            "-notifyx", "-u", "--uid=0"})
    void gridEngineRefusesWhatChangesIdentityFilesDirectoriesOrMustersOwnNamingTheValue(String item) {
        assertThat(sge.check(List.of(item))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("extra");
            assertThat(v.value()).isEqualTo(item);
        });
    }

    @Test
    void gridEngineSaysWhyAnOptionIsRefused() {
        assertThat(sge.check(List.of("-o/tmp/x")).get(0).message()).contains("use outfile");
        assertThat(sge.check(List.of("-wd/")).get(0).message()).contains("use runpath");
        assertThat(sge.check(List.of("-lh_vmem=1G")).get(0).message()).contains("h_vmem is not a resource");
        assertThat(sge.check(List.of("-P-x")).get(0).message()).contains("starting with '-'");
        assertThat(sge.check(List.of("-pten")).get(0).message()).contains("whole number");
    }

    @Test
    void gridEngineLetsResourcesPriorityProjectAndMailEventsThrough() {
        assertThat(sge.check(List.of("-lh_cpu=600,s_cpu=590", "-lgpu=1", "-lexclusive=true", "-p-10", "-p0",
                "-Pbio", "-mbea", "-Ry", "-js5", "-notify", "-acstage=align"))).isEmpty();
    }

    @Test
    void gridEngineWritesAnAttachedValueAsAWordOfItsOwn() {
        assertThat(sge.words("-lh_cpu=600")).containsExactly("-l", "h_cpu=600");
        assertThat(sge.words("-p-10")).containsExactly("-p", "-10");
        assertThat(sge.words("-js5")).containsExactly("-js", "5");
        assertThat(sge.words("-notify")).containsExactly("-notify");
        assertThat(torque.words("-lpmem=2gb")).as("Torque reads the value attached").containsExactly("-lpmem=2gb");
    }

    @Test
    void aDialectWithoutItsOwnListLetsNothingThrough() {
        assertThat(ExtraArguments.NONE.check(List.of("--gres=gpu:1"))).hasSize(1);
    }

    @Test
    void aSubmissionToSlurmWithAnIdentityChangingExtraIsRejectedAndATorqueOneAndAGridEngineOneToo() {
        Submissions.Outcome slurmJob = rulesFor(new SlurmDialect()).read(SubmissionJson.command("id").backend("slurm")
                .option("extra", List.of("--gres=gpu:1", "--uid=nobody")).json());
        Submissions.Outcome torqueJob = rulesFor(new TorqueDialect()).read(SubmissionJson.command("id")
                .backend("torque").option("extra", List.of("-uroot")).json());

        Submissions.Outcome sgeJob = rulesFor(new SgeDialect()).read(SubmissionJson.command("id")
                .backend("sge").option("extra", List.of("-lh_cpu=600", "-wd/")).json());

        assertThat(slurmJob.violations()).extracting(Violation::value).containsExactly("--uid=nobody");
        assertThat(torqueJob.violations()).extracting(Violation::value).containsExactly("-uroot");
        assertThat(sgeJob.violations()).extracting(Violation::value).containsExactly("-wd/");
    }
}
