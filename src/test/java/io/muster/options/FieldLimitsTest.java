package io.muster.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every option has a documented maximum, and a value past it is one violation naming the option and the limit. */
class FieldLimitsTest {

    private final OptionResolver resolver = new OptionResolver(Profiles.builtIn(), java.nio.file.Path.of("/tmp/w"));

    @Test
    void everyCatalogueKeywordHasALimit() {
        assertThat(Limits.options().keySet()).containsExactlyInAnyOrderElementsOf(Keywords.names());
    }

    @Test
    void aTokenAtItsLimitPassesAndOneCharacterMoreIsAViolationNamingTheLimit() {
        for (String option : List.of("partition", "account", "qos", "name")) {
            int max = Limits.of(option).maxChars();
            assertThat(resolver.resolve(Map.of(option, "a".repeat(max))).violations()).as(option).isEmpty();

            List<Violation> over = resolver.resolve(Map.of(option, "a".repeat(max + 1))).violations();

            assertThat(over).as(option).singleElement().satisfies(v -> {
                assertThat(v.option()).isEqualTo(option);
                assertThat(v.message()).contains((max + 1) + " characters long").contains("at most " + max);
                assertThat(v.value().length()).isLessThanOrEqualTo(Violation.VALUE_CHARS);
            });
        }
    }

    @Test
    void aListWithOneItemTooManyIsAViolationNamingTheItemLimit() {
        int max = Limits.of("depends").maxItems();
        List<String> ids = Collections.nCopies(max + 1, "12345");

        assertThat(resolver.resolve(Map.of("depends", ids.subList(0, max))).violations()).isEmpty();
        assertThat(resolver.resolve(Map.of("depends", ids)).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("has " + (max + 1) + " items").contains("at most "
                        + max + " items"));
        assertThat(resolver.resolve(Map.of("depends", String.join(",", ids))).violations()).singleElement()
                .satisfies(v -> assertThat(v.option()).isEqualTo("depends"));
    }

    @Test
    void theLongValuesThatOnceStuckLocalJobsAreRefusedAtSubmission() {
        for (String option : List.of("account", "qos", "features", "export", "mail", "outfile", "errfile", "extra",
                "array")) {
            Object value = option.equals("extra") ? List.of("--" + "x".repeat(2000)) : "x".repeat(2000);

            assertThat(resolver.resolve(Map.of(option, value)).violations()).as(option)
                    .extracting(Violation::option).containsExactly(option);
        }
    }

    @Test
    void aHugeValueMakesASmallViolation() {
        Violation v = resolver.resolve(Map.of("partition", "p".repeat(1_000_000))).violations().get(0);

        assertThat(v.value().length()).isLessThanOrEqualTo(Violation.VALUE_CHARS);
        assertThat(v.message().length()).isLessThanOrEqualTo(Violation.MESSAGE_CHARS);
    }

    @Test
    void anArrayIndexPastWhatAnySchedulerTakesIsRefusedNotOverflowed() {
        assertThat(resolver.resolve(Map.of("array", "0-4000000%5")).violations()).isEmpty();
        assertThat(resolver.resolve(Map.of("array", "2147483648")).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("past 4000000"));
        assertThat(resolver.resolve(Map.of("array", "1-99999999999999999999999")).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("past 4000000"));
    }
}
