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

    /** Regression: on Torque, "normal,walltime=9999:00:00" and "gpu:ppn=64" added resources to -l nodes=…,qos=Q. */
    @ParameterizedTest(name = "qos {0}")
    @ValueSource(strings = {"normal,walltime=9999:00:00,epilogue=/tmp/x.sh", "a=b", "a:b", "a/b", "a@b", "a%b", "a+b",
            "-high", ".x", "a[1]"})
    void refusesAQosThatIsNotAPlainNameNamingTheValue(String value) {
        // given a qos carrying a list separator of some scheduler
        // when it is resolved, then it is one violation of qos, naming the value
        assertThat(violations(options().with("qos", value))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("qos");
            assertThat(v.value()).isEqualTo(value);
        });
    }

    @ParameterizedTest(name = "features {0}")
    @ValueSource(strings = {"gpu:ppn=64", "a=b", "bigmem/x", "a@b", "a+b", "a[1-2]"})
    void refusesAFeatureThatIsNotAPlainNameNamingIt(String item) {
        // given a feature list with one item that is not a plain name
        // when it is resolved, then features is refused, the message naming the item
        assertThat(violations(options().with("features", List.of("skylake", item)))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("features");
            assertThat(v.message()).contains("'" + item + "' must be a plain name");
        });
    }

    @Test
    void acceptsPlainQosAndFeatureNames() {
        assertThat(violations(options().with("qos", "normal_2.high-prio")
                .with("features", List.of("skylake", "ib", "gpu-a100", "avx512_vnni", "v1.2")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"out.%N", "out.%A", "out.%x", "out%"})
    void refusesAPercentSequenceInOutfileThatMusterDoesNotExpand(String value) {
        // given an outfile with a scheduler's pattern Muster does not expand
        // when it is resolved, then it is a violation naming it, and %j %a %% are accepted
        assertThat(violations(options().with("outfile", value))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("does not expand").contains("%j"));
        assertThat(violations(options().with("outfile", "out.%j.%a.100%%"))).isEmpty();
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
    @ValueSource(strings = {"scriptpath", "filedir", "outpath", "suffix", "imports", "syspaths", "paths"})
    void issue12_fyrdFileOptionsMusterCannotApplyAreRefusedSayingWhy(String option) {
        assertThat(violations(options().with(option, "x\n#PBS -u root"))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo(Keywords.find(option).orElseThrow().name());
            assertThat(v.message()).contains("is refused", "drop the option").doesNotContain("\n#PBS");
        });
    }
}
