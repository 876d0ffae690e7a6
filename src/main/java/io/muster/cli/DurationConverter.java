package io.muster.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them: {@code 10} (seconds), {@code 1.5}, {@code 90s}, {@code 5m},
 * {@code 2h}, {@code 1d}, {@code 1:30:00}, or ISO-8601 ({@code PT1H}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{1,2})(?::(\\d{1,2}))?");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            Duration d;
            try {
                d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw invalid(value);
            }
            // ISO-8601 is the one form that can say "minus"; no wait or limit is negative
            if (d.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative: a duration here is 0 or more");
            }
            return d;
        }
        Matcher clock = CLOCK.matcher(text);
        if (clock.matches()) {
            // H:M:S, or M:S with two fields
            long a = Long.parseLong(clock.group(1));
            long b = Long.parseLong(clock.group(2));
            return clock.group(3) == null ? Duration.ofSeconds(a * 60 + b)
                    : Duration.ofSeconds(a * 3600 + b * 60 + Long.parseLong(clock.group(3)));
        }
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            throw invalid(value);
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            case "m", "min" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration: use seconds (10, 1.5), a unit"
                + " (90s, 5m, 2h, 1d), H:M:S (1:30:00) or ISO-8601 (PT1H)");
    }
}
