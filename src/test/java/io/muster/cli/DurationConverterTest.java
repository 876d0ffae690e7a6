package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({"1, PT1S", "1.5, PT1.5S", "90s, PT1M30S", "5m, PT5M", "2h, PT2H", "1d, PT24H", "250ms, PT0.25S",
            "1:30:00, PT1H30M", "2:05, PT2M5S", "PT1H, PT1H", "pt10m, PT10M"})
    void readsDurationsAsPeopleTypeThem(String text, String expected) {
        assertThat(converter.convert(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void refusesOtherTextSayingWhichFormsWork() {
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'soon'").hasMessageContaining("90s");
    }

    /** Regression (black-box probe): {@code --timeout PT-5S} was taken, and timed out at once. */
    @Test
    void refusesANegativeIsoDurationNamingIt() {
        assertThatThrownBy(() -> converter.convert("PT-5S")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'PT-5S' is negative");
    }
}
