package io.muster.options;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wall-clock limits. Forms, as Slurm reads them: {@code S}, {@code M:S}, {@code H:M:S},
 * {@code D-H}, {@code D-H:M}, {@code D-H:M:S}. A bare number is seconds (as in fyrd). Every
 * field carries into the next ({@code '99:99'} is 1:40:39, {@code '7200'} is 2:00:00), which
 * fyrd did not do. Rendered as {@code HH:MM:SS} with hours past 24 kept as hours, since both
 * Slurm and PBS accept that.
 */
public final class WallTime {

    /** 10,000 days: far beyond any queue's limit, far below any overflow. */
    public static final Duration MAXIMUM = Duration.ofDays(10_000);

    private static final Pattern WITH_DAYS = Pattern.compile("(\\d{1,9})-(\\d{1,9})(?::(\\d{1,9}))?(?::(\\d{1,9}))?");
    private static final Pattern CLOCK = Pattern.compile("\\d{1,12}(?::\\d{1,9}){0,2}");
    private static final String FORMS = "use S, M:S, H:M:S or D-H[:M[:S]], such as '02:00:00' or '1-12:00:00'";

    private WallTime() {
    }

    /** @throws IllegalArgumentException with a message saying what is wrong with the value */
    public static Duration parse(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long seconds = ((Number) value).longValue();
            if (seconds <= 0) {
                throw new IllegalArgumentException("must be a positive time (" + FORMS + ")");
            }
            return checked(Duration.ofSeconds(seconds));
        }
        if (!(value instanceof String raw)) {
            throw new IllegalArgumentException("must be a time: " + FORMS);
        }
        String text = raw.trim();
        Duration result;
        Matcher days = WITH_DAYS.matcher(text);
        if (days.matches()) {
            result = Duration.ofDays(Long.parseLong(days.group(1)))
                    .plusHours(Long.parseLong(days.group(2)))
                    .plusMinutes(days.group(3) == null ? 0 : Long.parseLong(days.group(3)))
                    .plusSeconds(days.group(4) == null ? 0 : Long.parseLong(days.group(4)));
        } else if (CLOCK.matcher(text).matches()) {
            long seconds = 0;
            for (String part : text.split(":")) {
                seconds = seconds * 60 + Long.parseLong(part);
            }
            result = Duration.ofSeconds(seconds);
        } else {
            throw new IllegalArgumentException("is not a time: " + FORMS);
        }
        if (result.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return checked(result);
    }

    private static Duration checked(Duration d) {
        if (d.compareTo(MAXIMUM) > 0) {
            throw new IllegalArgumentException("is longer than " + MAXIMUM.toDays() + " days");
        }
        return d;
    }

    /** {@code HH:MM:SS}, hours not wrapped at 24. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        // by hand: String.format was 2% of the CPU of a burst of jobs (every time option is normalised)
        StringBuilder out = new StringBuilder(10);
        twoDigits(out, s / 3600).append(':');
        twoDigits(out, (s % 3600) / 60).append(':');
        return twoDigits(out, s % 60).toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, long n) {
        return (n < 10 ? out.append('0') : out).append(n);
    }
}
