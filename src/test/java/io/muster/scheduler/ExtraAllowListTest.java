package io.muster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import io.muster.config.GridSettings;
import io.muster.messaging.Submissions;
import io.muster.options.OptionResolver;
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
        assertThat(torque.check(List.of("-lpmem=2gb,vmem=4gb", "-p10", "-mabe"))).isEmpty();
    }

    @Test
    void aDialectWithoutItsOwnListLetsNothingThrough() {
        assertThat(ExtraArguments.NONE.check(List.of("--gres=gpu:1"))).hasSize(1);
    }

    @Test
    void aSubmissionToSlurmWithAnIdentityChangingExtraIsRejectedAndATorqueOneToo() {
        Submissions.Outcome slurmJob = rulesFor(new SlurmDialect()).read(SubmissionJson.command("id").backend("slurm")
                .option("extra", List.of("--gres=gpu:1", "--uid=nobody")).json());
        Submissions.Outcome torqueJob = rulesFor(new TorqueDialect()).read(SubmissionJson.command("id")
                .backend("torque").option("extra", List.of("-uroot")).json());

        assertThat(slurmJob.violations()).extracting(Violation::value).containsExactly("--uid=nobody");
        assertThat(torqueJob.violations()).extracting(Violation::value).containsExactly("-uroot");
    }
}
