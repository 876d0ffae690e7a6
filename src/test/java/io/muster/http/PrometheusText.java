package io.muster.http;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): every line is a
 * {@code # HELP}, a {@code # TYPE} (once per family, before its samples), a comment, or a sample
 * {@code name{label="value",...} value [timestamp]} whose family was typed. Anything else fails
 * with the line, so a test that reads metrics this way checks the format too.
 */
final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern VALUE = Pattern.compile("[-+]?(\\d+\\.?\\d*([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?)|NaN|[-+]Inf");
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_created", "");

    /** One sample: its metric name, labels (sorted) and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> sampled = new HashSet<>();
        List<Sample> samples = new java.util.ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.isEmpty()) {
                if (i != lines.length - 1) {
                    throw new AssertionError("line " + n + " is empty");
                }
                continue;
            }
            if (line.startsWith("#")) {
                Matcher t = TYPE.matcher(line);
                if (t.matches()) {
                    if (types.put(t.group(1), t.group(2)) != null || sampled.contains(t.group(1))) {
                        throw new AssertionError("line " + n + ": family " + t.group(1) + " typed twice or after its samples");
                    }
                } else if (line.startsWith("# HELP ") && !HELP.matcher(line).matches()) {
                    throw new AssertionError("line " + n + " is a bad HELP line: " + line);
                }
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (!s.matches()) {
                throw new AssertionError("line " + n + " is no sample: " + line);
            }
            if (!VALUE.matcher(s.group(4)).matches()) {
                throw new AssertionError("line " + n + " has no number as its value: " + line);
            }
            String name = s.group(1);
            String family = family(name, types);
            if (family == null) {
                throw new AssertionError("line " + n + ": sample " + name + " has no # TYPE line before it");
            }
            sampled.add(family);
            Map<String, String> labels = new TreeMap<>();
            if (s.group(3) != null && !s.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(s.group(3));
                int at = 0;
                while (at < s.group(3).length()) {
                    if (!l.find(at) || l.start() != at) {
                        throw new AssertionError("line " + n + " has bad labels: " + line);
                    }
                    if (labels.put(l.group(1), l.group(2)) != null) {
                        throw new AssertionError("line " + n + " repeats label " + l.group(1));
                    }
                    at = l.end();
                }
            }
            String v = s.group(4);
            double value = v.equals("NaN") ? Double.NaN : v.endsWith("Inf") ? (v.startsWith("-")
                    ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.parseDouble(v);
            samples.add(new Sample(name, labels, value));
        }
        return new PrometheusText(samples);
    }

    private static String family(String name, Map<String, String> types) {
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                String family = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(family)) {
                    return family;
                }
            }
        }
        return null;
    }

    List<Sample> samples() {
        return samples;
    }

    /** The value of the one sample with this name and these labels (among others), or null. */
    Double value(String name, String... labelPairs) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(wanted.entrySet())).toList();
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " samples match " + name + wanted + ": " + found);
        }
        return found.isEmpty() ? null : found.get(0).value();
    }

    /** The value, 0 when there is no such sample (a counter that has not moved yet). */
    double count(String name, String... labelPairs) {
        Double v = value(name, labelPairs);
        return v == null ? 0 : v;
    }
}
