package io.muster.api;

import java.util.Collection;

/**
 * One reason a submission was refused: which option, the value as the user wrote it, and why
 * (a sentence naming the option and the value). A rejected submission carries every violation
 * found, never just the first.
 */
public record Violation(String option, String value, String message) {

    /** Characters of a violation's value and option name as answered; the rest is cut with an ellipsis. */
    public static final int VALUE_CHARS = 200;
    /** Characters of a violation's message as answered. */
    public static final int MESSAGE_CHARS = 1000;

    /** Values and messages are cut, so a huge value never makes a huge reply, event or log line. */
    public Violation {
        option = cut(option, VALUE_CHARS);
        value = cut(value, VALUE_CHARS);
        message = cut(message, MESSAGE_CHARS);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** A violation of {@code option}: message "OPTION 'VALUE' REASON". */
    public static Violation of(String option, Object value, String reason) {
        return new Violation(option, String.valueOf(value), option + " " + show(value) + " " + reason);
    }

    /**
     * A value as it reads in a message: strings quoted, control characters escaped, so a value
     * with a newline cannot forge a second line in a log or a reply.
     */
    public static String show(Object value) {
        if (value instanceof Collection<?> items) {
            return items.stream().map(Violation::show).toList().toString();
        }
        if (!(value instanceof CharSequence)) {
            return escape(String.valueOf(value));
        }
        String text = value.toString();
        if (text.length() > 120) {
            text = text.substring(0, 120) + "…";
        }
        return "'" + escape(text) + "'";
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return message;
    }
}
