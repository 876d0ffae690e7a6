package io.muster.options;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wall-clock limits. Forms, as Slurm reads them: {@code S}, {@code M:S}, {@code H:M:S},
 * {@code D-H}, {@code D-H:M}, {@code D-H:M:S}. Every field carries into the next
 * ({@code '99:99'} is 1:40:39), which fyrd did not do. Rendered as {@code HH:MM:SS} with hours
 * past 24 kept as hours, since both Slurm and PBS accept that.
 */
public final class WallTime {

    private static final Pattern WITH_DAYS = Pattern.compile("(\\d+)-(\\d+)(?::(\\d+))?(?::(\\d+))?");
    private static final Pattern CLOCK = Pattern.compile("\\d+(?::\\d+){0,2}");

    private WallTime() {
    }

    /** @throws IllegalArgumentException with a message saying what is wrong with the value */
    public static Duration parse(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long seconds = ((Number) value).longValue();
            if (seconds <= 0) {
                throw new IllegalArgumentException("must be a positive time, such as '02:00:00'");
            }
            return Duration.ofSeconds(seconds);
        }
        if (!(value instanceof String raw)) {
            throw new IllegalArgumentException("must be a time such as '02:00:00', '1-12:00:00' or seconds");
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
            String[] parts = text.split(":");
            long seconds = 0;
            for (String part : parts) {
                seconds = seconds * 60 + Long.parseLong(part);
            }
            // H:M:S read right to left: seconds, minutes, hours
            if (parts.length == 3) {
                seconds = Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2]);
            }
            result = Duration.ofSeconds(seconds);
        } else {
            throw new IllegalArgumentException("is not a time: use S, M:S, H:M:S or D-H[:M[:S]], such as '02:00:00'");
        }
        if (result.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return result;
    }

    public static String format(Duration d) {
        long s = d.getSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }
}
