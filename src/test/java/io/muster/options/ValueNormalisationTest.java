package io.muster.options;

import static io.muster.options.OptionsBuilder.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueNormalisationTest {

    private final OptionResolver resolver = new OptionResolver();

    private Map<String, Object> accepted(OptionsBuilder given) {
        Resolution r = resolver.resolve(given.build());
        assertThat(r.violations()).isEmpty();
        return r.options().normalised();
    }

    private List<Violation> refused(OptionsBuilder given) {
        Resolution r = resolver.resolve(given.build());
        assertThat(r.accepted()).isFalse();
        assertThat(r.options()).isNull();
        return r.violations();
    }

    @Test
    void readsAStringOfDigitsAsAWholeNumber() {
        assertThat(accepted(options().with("nodes", "14"))).containsEntry("nodes", 14);
    }

    @Test
    void rejectsAWordWhereAWholeNumberBelongs() {
        assertThat(refused(options().with("nodes", "bob"))).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("nodes 'bob' must be a whole number of at least 1"));
    }

    @Test
    void rejectsAFractionOfACoreInsteadOfRoundingIt() {
        assertThat(refused(options().with("cores", 2.5))).extracting(Violation::option).containsExactly("cores");
    }

    @Test
    void rejectsZeroCores() {
        assertThat(refused(options().with("cores", 0))).extracting(Violation::option).containsExactly("cores");
    }

    @Test
    void acceptsCpusAndThreadsAsSynonymsOfCores() {
        assertThat(accepted(options().with("cpus", 3))).containsEntry("cores", 3);
        assertThat(accepted(options().with("threads", "4"))).containsEntry("cores", 4);
    }

    @Test
    void readsTrueAndFalseAsBooleans() {
        assertThat(accepted(options().with("clean_files", true).with("requeue", "false")))
                .containsEntry("clean_files", true).containsEntry("requeue", false);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"yes", "no", "1", "on"})
    void rejectsAnythingButTrueOrFalseForABoolean(String value) {
        assertThat(refused(options().with("exclusive", value))).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("exclusive '" + value + "' must be true or false"));
    }

    @Test
    void acceptsFyrdsSynonymsForCleaning() {
        assertThat(accepted(options().with("delfiles", true).with("cleanouts", true)))
                .containsEntry("clean_files", true).containsEntry("clean_outputs", true);
    }

    @Test
    void makesASingleValueAOneElementList() {
        assertThat(accepted(options().with("modules", "bwa"))).containsEntry("modules", List.of("bwa"));
    }

    @Test
    void splitsAListStringOnCommasAndSemicolonsKeepingItsOrder() {
        assertThat(accepted(options().with("modules", "a,b;c"))).containsEntry("modules", List.of("a", "b", "c"));
    }

    @Test
    void keepsAJsonListAsGiven() {
        assertThat(accepted(options().with("depends", List.of("j2", "j1")))).containsEntry("depends", List.of("j2", "j1"));
    }

    @Test
    void rejectsAnUnknownKeywordSuggestingTheClosestKnownOne() {
        assertThat(refused(options().with("corse", 2))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("corse");
            assertThat(v.message()).contains("corse").contains("did you mean cores?");
        });
    }

    @Test
    void rejectsTheSameOptionGivenUnderTwoNames() {
        assertThat(refused(options().with("mem", 100).with("memory", 200))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("given twice"));
    }

    @Test
    void splitsKnownFromUnknownKeywordsNormalisingTheKnownOnesAsFyrdsSplitKeywords() {
        KeywordSplit split = OptionResolver.splitKeywords(options().with("cores", 2).with("memory", "4GB")
                .with("bob", "dylan").build());
        assertThat(split.known()).isEqualTo(Map.of("cores", 2, "mem", 4096L));
        assertThat(split.unknown()).isEqualTo(Map.of("bob", "dylan"));
    }

    @Test
    void normalisesBeginToSecondsWithADate() {
        assertThat(accepted(options().with("begin", "2030-01-02 18:00"))).containsEntry("begin", "2030-01-02T18:00:00");
        assertThat(accepted(options().with("begin", "18:30"))).containsEntry("begin", "18:30:00");
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"tomorrow", "2030-13-01", "25:00", "now+1hour"})
    void rejectsABeginThatIsNotADateOrTime(String value) {
        assertThat(refused(options().with("begin", value))).extracting(Violation::option).containsExactly("begin");
    }

    @ParameterizedTest(name = "{0} is accepted")
    @ValueSource(strings = {"1-10", "1,3,5", "0-20:2", "1-100%5", "7"})
    void acceptsSlurmArrayRanges(String value) {
        assertThat(accepted(options().with("array", value))).containsEntry("array", value);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"10-1", "a-b", "1-", "1;2", "1-10:0"})
    void rejectsWhatIsNotAnArrayRange(String value) {
        assertThat(refused(options().with("array", value))).extracting(Violation::option).containsExactly("array");
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "1-3:0     | array '1-3:0' has step 0; a step is 1 or more",
            "1,5-9:00  | array '1,5-9:00' has step 0; a step is 1 or more",
            "1-10%0    | array '1-10%0' has %0; at most N tasks at once needs N of 1 or more"})
    void givenAZeroStepOrLimit_whenSubmitted_thenRefusedNamingArrayAndTheValue(String value, String message) {
        assertThat(refused(options().with("array", value))).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("array");
            assertThat(v.value()).isEqualTo(value);
            assertThat(v.message()).isEqualTo(message);
        });
    }

    @ParameterizedTest(name = "{0} is accepted and its tasks can be made")
    @ValueSource(strings = {"1-10", "1,3,5", "0-20:2", "1-100%5", "7", "1-3:1"})
    void givenAnAcceptedRange_whenItsTasksAreMade_thenTheParserTakesIt(String value) {
        accepted(options().with("array", value));
        assertThat(io.muster.job.ArrayIndices.parse(value).indices()).isNotEmpty();
    }

    @Test
    void keepsExtraArgumentsWholeEvenWithCommas() {
        assertThat(accepted(options().with("extra", List.of("--mail-type=END,FAIL", "--gres=gpu:1"))))
                .containsEntry("extra", List.of("--mail-type=END,FAIL", "--gres=gpu:1"));
    }

    @Test
    void rejectsExtraArgumentsThatAreNotOptions() {
        assertThat(refused(options().with("extra", List.of("script.sh")))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("starting with '-'"));
    }
}
