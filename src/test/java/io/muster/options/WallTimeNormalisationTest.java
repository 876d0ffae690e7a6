package io.muster.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WallTimeNormalisationTest {

    private final OptionResolver resolver = new OptionResolver();

    private Object timeOf(String keyword, Object value) {
        Resolution r = resolver.resolve(Map.of(keyword, value));
        assertThat(r.violations()).isEmpty();
        return r.options().normalised().get("time");
    }

    @Test
    void readsADayPrefixAsTwentyFourHours() {
        assertThat(timeOf("time", "01-00:00:00")).isEqualTo("24:00:00");
    }

    @Test
    void readsABareNumberAsSecondsAsFyrdDid() {
        assertThat(timeOf("walltime", "03")).isEqualTo("00:00:03");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"99:99, 01:40:39", "120:00, 02:00:00", "7200, 02:00:00", "00:90:00, 01:30:00"})
    void carriesEveryFieldIntoTheNextWhereFyrdDidNot(String value, String normalised) {
        assertThat(timeOf("time", value)).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"2-1, 49:00:00", "1-2:30, 26:30:00", "1-0:0:5, 24:00:05", "5-0:0:9, 120:00:09"})
    void followsSlurmsDayFormsAfterADayPrefix(String value, String normalised) {
        assertThat(timeOf("time", value)).isEqualTo(normalised);
    }

    @Test
    void readsAnIntegerAsSeconds() {
        assertThat(timeOf("time", 90)).isEqualTo("00:01:30");
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"00:00:00:03", "ab", "-5", "", "0", "00:00:00", "1-", "1:2:3-4"})
    void rejectsWhatIsNotATimeNamingTimeAndTheValue(String value) {
        Resolution r = resolver.resolve(Map.of("time", value));
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("time");
            assertThat(v.message()).startsWith("time '" + value + "' ");
        });
    }

    @Test
    void reportsAWalltimeViolationUnderTheCanonicalName() {
        Resolution r = resolver.resolve(Map.of("walltime", "ab"));
        assertThat(r.violations()).extracting(Violation::option).containsExactly("time");
    }
}
