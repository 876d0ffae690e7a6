package io.muster.options;

import static io.muster.options.OptionsBuilder.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that reach a script header must be single tokens, so no option can add a directive or a command. */
class SchedulerTokenTest {

    private static final Path WORK_ROOT = Path.of("/srv/muster/data");
    private final OptionResolver resolver = new OptionResolver(Profiles.builtIn(), WORK_ROOT);

    private List<Violation> violations(OptionsBuilder given) {
        return resolver.resolve(given.build()).violations();
    }

    @ParameterizedTest(name = "partition {0}")
    @ValueSource(strings = {"a\n#SBATCH --uid=0", "a b", "a\"b", "a'b", "a;reboot", "$HOME", "a`id`", "a\r", "a&b", "#x"})
    void rejectsNewlinesQuotesSpacesAndShellCharactersInAPartition(String value) {
        assertThat(violations(options().with("partition", value))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("partition");
            assertThat(v.message()).contains("must be a single token").doesNotContain("\n");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"partition", "account", "qos", "name", "export", "mail", "runpath"})
    void rejectsANewlineInEveryTokenOption(String option) {
        assertThat(violations(options().with(option, "x\n#PBS -u root"))).extracting(Violation::option)
                .containsExactly(option);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"features", "modules", "depends", "extra"})
    void rejectsABadElementInEveryListOption(String option) {
        assertThat(violations(options().with(option, List.of("-ok", "--x=1 --uid=0")))).extracting(Violation::option)
                .containsExactly(option);
    }

    @Test
    void namesTheOffendingCharacter() {
        assertThat(violations(options().with("account", "a;b"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("contains ';'"));
        assertThat(violations(options().with("account", "a b"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("contains a space"));
    }

    @Test
    void escapesTheNewlineOfAnInjectedValueInTheMessage() {
        assertThat(violations(options().with("qos", "a\n#SBATCH x"))).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("qos 'a\\n#SBATCH x' "));
    }

    @Test
    void acceptsTheCharactersSchedulersUseInTheirValues() {
        assertThat(violations(options().with("export", "ALL,OMP_NUM_THREADS=4").with("mail", "me@example.org")
                .with("partition", "gpu-long_2").with("features", "skylake,ib"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"outfile", "errfile"})
    void rejectsFilePathsThatLeaveTheWorkRoot(String option) {
        // relative to the job's directory WORK_ROOT/jobs/ID, as the scheduler will open it
        assertThat(violations(options().with(option, "../../../etc/cron.d/x"))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo(option);
            assertThat(v.message()).contains("inside the work root " + WORK_ROOT);
        });
        assertThat(violations(options().with(option, "/etc/passwd"))).extracting(Violation::option)
                .containsExactly(option);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"joe", "logs/joe.out", "/srv/muster/data/results/out", "a/../b"})
    void acceptsFilePathsInsideTheWorkRoot(String path) {
        assertThat(violations(options().with("outfile", path))).isEmpty();
    }

    @Test
    void rejectsAPathWithASpaceEvenInsideTheWorkRoot() {
        assertThat(violations(options().with("errfile", "my file"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("a space"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"scriptpath", "filedir", "outpath", "suffix"})
    void issue12_fyrdFileOptionsMusterCannotApplyAreRefusedSayingWhy(String option) {
        assertThat(violations(options().with(option, "x\n#PBS -u root"))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo(Keywords.find(option).orElseThrow().name());
            assertThat(v.message()).contains("is refused", "drop the option").doesNotContain("\n#PBS");
        });
    }
}
