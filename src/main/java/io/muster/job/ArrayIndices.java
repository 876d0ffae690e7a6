package io.muster.job;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The task indices of a job array, from its {@code array} option as every scheduler writes it:
 * {@code 1-10}, {@code 1,3,5}, {@code 0-20:2}, {@code 1-100%5} (at most 5 at once). Pure.
 *
 * @param indices the task indices, ascending, each once
 * @param limit   at most this many tasks at once, or null for no limit
 */
public record ArrayIndices(List<Integer> indices, Integer limit) {

    public ArrayIndices {
        indices = List.copyOf(indices);
    }

    /** @throws IllegalArgumentException for a range the option's validation would refuse */
    public static ArrayIndices parse(String range) {
        String text = range.strip();
        Integer limit = null;
        int percent = text.indexOf('%');
        if (percent >= 0) {
            limit = Integer.valueOf(text.substring(percent + 1));
            text = text.substring(0, percent);
        }
        TreeSet<Integer> out = new TreeSet<>();
        for (String part : text.split(",")) {
            int step = 1;
            String span = part.strip();
            int colon = span.indexOf(':');
            if (colon >= 0) {
                step = Integer.parseInt(span.substring(colon + 1));
                span = span.substring(0, colon);
            }
            int dash = span.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? span : span.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(span.substring(dash + 1));
            if (step < 1 || to < from) {
                throw new IllegalArgumentException("not an array range: '" + range + "'");
            }
            for (int i = from; i <= to; i += step) {
                out.add(i);
            }
        }
        return new ArrayIndices(new ArrayList<>(out), limit);
    }

    /**
     * The job's array for showing it: empty when its options have none, or one that does not parse
     * (a record stored before such ranges were refused must not break {@code queue}, {@code wait} or {@code get}).
     */
    public static java.util.Optional<ArrayIndices> readable(java.util.Map<String, Object> options) {
        try {
            return of(options);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The job's array, if its options have one. */
    public static java.util.Optional<ArrayIndices> of(java.util.Map<String, Object> options) {
        Object array = options.get("array");
        return array == null ? java.util.Optional.empty() : java.util.Optional.of(parse(array.toString()));
    }
}
