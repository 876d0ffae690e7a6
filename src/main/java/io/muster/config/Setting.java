package io.muster.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting of {@code muster.toml}: where it lives ({@code section.key}), what it accepts,
 * its default in words, a line of help, and the environment variables that override it
 * ({@code MUSTER_SECTION_KEY} first, then older names still honoured).
 */
public record Setting(String section, String key, Type type, long min, long max, String defaultText, String help,
                      List<String> env) {

    public Setting {
        env = List.copyOf(env);
    }

    public String id() {
        return section + "." + key;
    }

    /** The kinds of setting value, each with its reader. */
    public enum Type {
        INTEGER("whole number"),
        SIZE("memory: MB, or a number with kb/mb/gb/tb"),
        PATH("path; ~ and $VARS are expanded"),
        TEXT("text"),
        DURATION("seconds, or a number with ms/s/m/h"),
        JDBC_URL("JDBC URL"),
        BROKER_URL("Artemis URL: tcp://HOST:PORT, or a list (tcp://A:PORT,tcp://B:PORT)?ha=true"),
        SECRET("text, never shown");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,9})?)\\s*([a-zA-Z]*)");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)\\s*(ms|s|m|h)?");

    /**
     * The typed value (Integer, Long MB, Path, String, Duration) of a value read from the file
     * (a TOML scalar) or the environment (text).
     *
     * @throws IllegalArgumentException saying what is wrong, without the setting's name
     */
    public Object read(Object raw, Map<String, String> environment) {
        return switch (type) {
            case INTEGER -> {
                long n;
                if (raw instanceof Integer || raw instanceof Long) {
                    n = ((Number) raw).longValue();
                } else if (raw instanceof String s && s.trim().matches("-?\\d{1,18}")) {
                    n = Long.parseLong(s.trim());
                } else {
                    throw new IllegalArgumentException("must be a whole number, was " + shown(raw));
                }
                if (n < min || n > max) {
                    throw new IllegalArgumentException("must be " + range() + ", was " + n);
                }
                yield (int) n;
            }
            case SIZE -> {
                long mb = sizeMb(raw);
                if (mb < min || mb > max) {
                    throw new IllegalArgumentException("must be " + range() + " MB, was " + mb + " MB");
                }
                yield mb;
            }
            case PATH -> PathExpansion.expand(text(raw), environment);
            case TEXT -> {
                String s = text(raw).trim();
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("must not be empty");
                }
                yield s;
            }
            case DURATION -> {
                Duration d = duration(raw);
                if (d.toMillis() < min || d.toMillis() > max) {
                    throw new IllegalArgumentException("must be from " + min + " ms to " + max + " ms, was " + d.toMillis()
                            + " ms");
                }
                yield d;
            }
            case BROKER_URL -> {
                try {
                    yield raw instanceof List<?> list ? ExternalBrokerSettings.fromList(list)
                            : ExternalBrokerSettings.normalise(text(raw));
                } catch (IllegalArgumentException e) {
                    // the reader's caller names the setting: say only what is wrong
                    throw new IllegalArgumentException(e.getMessage().replaceFirst("^setting broker\\.url ", ""));
                }
            }
            case SECRET -> {
                String s = text(raw);
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("must not be empty");
                }
                yield s;
            }
            case JDBC_URL -> {
                String s = text(raw).trim();
                if (!s.startsWith("jdbc:")) {
                    throw new IllegalArgumentException("must be a JDBC URL (jdbc:...), was " + shown(raw));
                }
                // the drivers in the jar, and the databases the store's SQL is tested on
                if (!s.startsWith("jdbc:h2:") && !s.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("must be an H2 URL (jdbc:h2:...) or a PostgreSQL one"
                            + " (jdbc:postgresql://HOST:PORT/DATABASE), was " + shown(raw));
                }
                yield s;
            }
        };
    }

    /**
     * A value typed on a command line as TOML will hold it: a whole number stays a number (so
     * {@code 42} reads back as 42, not "42"), anything else is text. Checked like {@link #read}.
     */
    public Object fromText(String text, Map<String, String> environment) {
        String t = text.trim();
        Object typed = t.matches("-?\\d{1,18}") && type != Type.PATH && type != Type.TEXT && type != Type.JDBC_URL
                && type != Type.BROKER_URL && type != Type.SECRET
                ? (Object) Long.parseLong(t) : t;
        if (typed instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            typed = l.intValue();
        }
        read(typed, environment);
        return typed;
    }

    private String range() {
        return max == Long.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
    }

    private static String text(Object raw) {
        if (!(raw instanceof String s)) {
            throw new IllegalArgumentException("must be a string (in quotes), was " + shown(raw));
        }
        return s;
    }

    private static String shown(Object raw) {
        return raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
    }

    static long sizeMb(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        Matcher m = raw instanceof String s ? SIZE.matcher(s.trim()) : null;
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("must be a size such as 16000 or '16GB', was " + shown(raw));
        }
        long factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k", "kb" -> 1L << 10;
            case "", "m", "mb" -> 1L << 20;
            case "g", "gb" -> 1L << 30;
            case "t", "tb" -> 1L << 40;
            default -> throw new IllegalArgumentException("has an unknown unit '" + m.group(2) + "': use kb, mb, gb or tb");
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor))
                .divide(BigDecimal.valueOf(1L << 20), 0, RoundingMode.HALF_UP).longValue();
    }

    static Duration duration(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            return Duration.ofSeconds(((Number) raw).longValue());
        }
        if (raw instanceof Double d) {
            return Duration.ofMillis(Math.round(d * 1000));
        }
        Matcher m = raw instanceof String s ? DURATION.matcher(s.trim()) : null;
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("must be seconds or a number with ms, s, m or h (such as '500ms'), was "
                    + shown(raw));
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long millisPer = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1000;
        };
        return Duration.ofMillis(amount.multiply(BigDecimal.valueOf(millisPer)).longValue());
    }
}
