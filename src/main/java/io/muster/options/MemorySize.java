package io.muster.options;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes in megabytes, read as fyrd read them: a bare number is MB, units b, k/kb, m/mb,
 * g/gb, t/tb in any case are powers of 1024, decimals allowed. Anything that rounds under
 * {@link #MINIMUM_MB} becomes that minimum, because Slurm reads {@code --mem=0} as "all of the
 * node's memory".
 */
public final class MemorySize {

    public static final long MINIMUM_MB = 5;
    /** 1 EB: far above any node, low enough that no arithmetic on it overflows. */
    public static final long MAXIMUM_MB = 1L << 40;

    private static final Pattern FORM = Pattern.compile("(\\d{1,20}(?:\\.\\d{1,20})?)\\s*([a-zA-Z]*)");

    private MemorySize() {
    }

    /** @throws IllegalArgumentException with a message saying what is wrong with the value */
    public static long parseMb(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long mb = ((Number) value).longValue();
            if (mb <= 0) {
                throw new IllegalArgumentException("must be a positive size, such as 4000, '4GB' or '512MB'");
            }
            return checked(BigDecimal.valueOf(mb));
        }
        if (value instanceof Number number) {
            return parseMb(number.toString());
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("must be a size, such as 4000, '4GB' or '512MB'");
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a size: use a positive number with an optional unit b, kb, mb,"
                    + " gb or tb, such as '4GB'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "b" -> 1L;
            case "k", "kb" -> 1L << 10;
            case "", "m", "mb" -> 1L << 20;
            case "g", "gb" -> 1L << 30;
            case "t", "tb" -> 1L << 40;
            default -> throw new IllegalArgumentException("has an unknown unit '" + m.group(2)
                    + "': use b, kb, mb, gb or tb");
        };
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("must be a positive size");
        }
        return checked(amount.multiply(BigDecimal.valueOf(factor))
                .divide(BigDecimal.valueOf(1L << 20), 0, RoundingMode.HALF_UP));
    }

    private static long checked(BigDecimal mb) {
        if (mb.compareTo(BigDecimal.valueOf(MAXIMUM_MB)) > 0) {
            throw new IllegalArgumentException("is more than " + MAXIMUM_MB + " MB");
        }
        return Math.max(mb.longValueExact(), MINIMUM_MB);
    }
}
