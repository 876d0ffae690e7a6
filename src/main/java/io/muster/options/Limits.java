package io.muster.options;

import io.muster.api.Violation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The documented maximum of every field of a submission and of every option: how many characters
 * a value may have and, for lists, how many items. A value past its limit is a violation naming
 * the field and the limit, found before anything is stored, so no value can fail a database write
 * or a scheduler's command line after the job was accepted. The README's "Limits" table lists
 * these numbers; a test keeps every catalogue keyword in this table.
 *
 * <p>The column sizes of the job store are the outer bound of the text fields (request id, name,
 * user, partition: 200; profile: 100); everything written into a script header stays well inside
 * what sbatch and qsub read in one directive line.
 */
public final class Limits {

    /** One field's limits: characters of the value (of each item for lists) and, for lists, items. */
    public record Limit(int maxChars, int maxItems) {
        static Limit chars(int n) {
            return new Limit(n, 1);
        }

        static Limit items(int each, int items) {
            return new Limit(each, items);
        }

        public boolean isList() {
            return maxItems > 1;
        }

        /** How the README and {@code muster keywords} write it. */
        public String describe() {
            return isList() ? "at most " + maxItems + " items of " + maxChars + " characters" : "at most " + maxChars
                    + " characters";
        }
    }

    /** Characters of a whole submission body. */
    public static final int BODY_CHARS = 1_000_000;

    /**
     * Why a control or flow request's body is refused for its length, or null: no request needs
     * more than a submission (a render holds one), and the parser's tree of a larger body costs the
     * heap many times its size.
     */
    public static String requestTooLong(String body) {
        return body == null || body.length() <= BODY_CHARS ? null : "the request is " + body.length()
                + " characters long; a request takes at most " + BODY_CHARS + " characters";
    }
    public static final int COMMAND_CHARS = 100_000;
    public static final int REQUEST_ID_CHARS = 200;
    public static final int USER_CHARS = 200;
    public static final int NAME_CHARS = 200;
    public static final int PROFILE_CHARS = 64;
    /** Entries of a submission's {@code options} object. */
    public static final int OPTION_ENTRIES = 64;

    private static final Map<String, Limit> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("name", Limit.chars(NAME_CHARS));
        OPTIONS.put("cores", Limit.chars(10));
        OPTIONS.put("nodes", Limit.chars(10));
        OPTIONS.put("mem", Limit.chars(40));
        OPTIONS.put("time", Limit.chars(40));
        OPTIONS.put("partition", Limit.chars(200));
        OPTIONS.put("account", Limit.chars(200));
        OPTIONS.put("qos", Limit.chars(200));
        OPTIONS.put("features", Limit.items(100, 32));
        OPTIONS.put("gpus", Limit.chars(10));
        OPTIONS.put("depends", Limit.items(100, 100));
        OPTIONS.put("modules", Limit.items(200, 32));
        OPTIONS.put("runpath", Limit.chars(1000));
        OPTIONS.put("outfile", Limit.chars(1000));
        OPTIONS.put("errfile", Limit.chars(1000));
        OPTIONS.put("export", Limit.chars(1000));
        OPTIONS.put("begin", Limit.chars(40));
        OPTIONS.put("array", Limit.chars(200));
        OPTIONS.put("mail", Limit.chars(254));
        OPTIONS.put("requeue", Limit.chars(5));
        OPTIONS.put("exclusive", Limit.chars(5));
        OPTIONS.put("extra", Limit.items(200, 32));
        OPTIONS.put("scriptpath", Limit.chars(1000));
        OPTIONS.put("outpath", Limit.chars(1000));
        OPTIONS.put("suffix", Limit.chars(50));
        OPTIONS.put("imports", Limit.items(200, 32));
        OPTIONS.put("syspaths", Limit.items(1000, 32));
        OPTIONS.put("clean_files", Limit.chars(5));
        OPTIONS.put("clean_outputs", Limit.chars(5));
    }

    private Limits() {
    }

    /** The limit of a catalogue option, by canonical name. */
    public static Limit of(String option) {
        Limit limit = OPTIONS.get(option);
        if (limit == null) {
            throw new IllegalArgumentException("no limit for option '" + option + "'");
        }
        return limit;
    }

    public static Map<String, Limit> options() {
        return java.util.Collections.unmodifiableMap(OPTIONS);
    }

    /**
     * A violation if an option's value (as given: text, a number, a list) passes its limit. A list
     * given as one string counts its items as the option would split them; a map or a list nested
     * in a list counts as too many items or as a single value, whichever the option's type refuses.
     */
    public static Optional<Violation> check(String option, Object value) {
        Limit limit = of(option);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            return map.toString().length() > limit.maxChars()
                    ? Optional.of(tooLong(option, value, limit)) : Optional.empty();
        }
        if (value instanceof Collection<?> items) {
            if (items.size() > Math.max(1, limit.maxItems())) {
                return Optional.of(Violation.of(option, value, "has " + items.size() + " items; " + option
                        + " takes " + limit.describe()));
            }
            for (Object item : items) {
                Optional<Violation> bad = checkOne(option, item, limit);
                if (bad.isPresent()) {
                    return bad;
                }
            }
            return Optional.empty();
        }
        if (limit.isList() && !option.equals("extra") && value instanceof CharSequence text) {
            int count = 0;
            for (String part : text.toString().split("[,;]", -1)) {
                if (!part.isBlank()) {
                    count++;
                }
                if (part.length() > limit.maxChars()) {
                    return Optional.of(tooLong(option, value, limit));
                }
            }
            if (count > limit.maxItems()) {
                return Optional.of(Violation.of(option, value, "has " + count + " items; " + option + " takes "
                        + limit.describe()));
            }
            return Optional.empty();
        }
        return checkOne(option, value, limit);
    }

    private static Optional<Violation> checkOne(String option, Object value, Limit limit) {
        String text = String.valueOf(value);
        return text.length() > limit.maxChars() ? Optional.of(tooLong(option, value, limit)) : Optional.empty();
    }

    private static Violation tooLong(String option, Object value, Limit limit) {
        int length = String.valueOf(value).length();
        return Violation.of(option, value, "is " + length + " characters long; " + option + " takes "
                + limit.describe());
    }

    /**
     * A violation if a top-level text field of a submission ({@code requestId}, {@code user}, …)
     * passes its limit.
     */
    public static Optional<Violation> checkField(String field, String value, int maxChars) {
        if (value == null || value.length() <= maxChars) {
            return Optional.empty();
        }
        return Optional.of(new Violation(field, Violation.show(value), field + " " + Violation.show(value) + " is "
                + value.length() + " characters long; " + field + " takes at most " + maxChars + " characters"));
    }
}
