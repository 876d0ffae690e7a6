package io.muster.options;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Readers for the plain value types of the catalogue: whole numbers, booleans, lists, tokens. */
public final class Values {

    /**
     * What a single token may hold. No white space, quotes, {@code ; $ `} or other shell
     * metacharacters: these values are written into script headers and scheduler arguments.
     */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@%+,=/\\-\\[\\]]+");

    private Values() {
    }

    public static int positiveInt(Object value) {
        long n;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            n = ((Number) value).longValue();
        } else if (value instanceof String s && s.trim().matches("\\d+")) {
            n = Long.parseLong(s.trim());
        } else {
            throw new IllegalArgumentException("must be a whole number of at least 1");
        }
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be a whole number of at least 1");
        }
        return (int) n;
    }

    public static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("must be true or false");
    }

    /** A single value becomes a one-element list; a string splits on commas and semicolons. */
    public static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                out.addAll(list(item));
            }
        } else if (value != null) {
            for (String part : value.toString().split("[,;]")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** Every element a single token; returns the list. */
    public static List<String> tokens(Object value) {
        List<String> items = value instanceof Collection<?> ? list(value) : List.of(String.valueOf(value));
        for (String item : items) {
            if (!TOKEN.matcher(item).matches()) {
                throw new IllegalArgumentException("must be a single token (letters, digits and . _ : @ % + , = / - only;"
                        + " no spaces, quotes, newlines or shell characters)");
            }
        }
        return items;
    }
}
