package io.muster.scheduler;

import io.muster.api.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which raw scheduler options ({@code extra}) one dialect lets through: an allow-list. Anything
 * not on it is a violation naming the value; an option that would change who the job runs as,
 * which files the scheduler writes or reads, or the directory it runs in is refused with that
 * reason, and one Muster writes itself (name, dependencies, its tag) or a catalogue keyword covers
 * is refused naming what to use instead.
 *
 * <p>Forms: long options {@code --name=value} or {@code --name} (sbatch), single-dash options with
 * the value attached {@code -lname=value}, {@code -p10} (qsub). A single-dash option's name is the
 * longest name on the list the item starts with ({@code -notify} before {@code -n}), else its first
 * two characters. A value-taking option without its value is refused: in a script header it would
 * take the next directive as its value. For a scheduler that reads an option's value as the next
 * word ({@link Builder#separateWords}, Grid Engine's qsub), {@link #words} splits an item into its
 * name and its value. A single-dash option's value may not start with '-' on any scheduler (unless
 * a number, {@link Form#NUMBER}): where the value is a word of its own it would read as an option,
 * and every scheduler is held to the same rule.
 */
public final class ExtraArguments {

    /** How an allowed option is written. */
    public enum Form {
        /** {@code --name} alone. */
        FLAG,
        /** {@code --name=value}, the value required. */
        VALUE,
        /** {@code --name} or {@code --name=value}. */
        OPTIONAL_VALUE,
        /** A whole number, possibly negative, required ({@code -p-10}). */
        NUMBER,
        /**
         * {@code --name=value}, the value required and never a file's name: the scheduler reads a
         * value with a {@code /} as a file to take it from ({@code --nodelist=/path}).
         */
        NOT_A_FILE
    }

    /** Refuses every raw option: the default for a dialect that has not listed its own. */
    public static final ExtraArguments NONE = new Builder("this scheduler").build();

    private final String program;
    private final Map<String, Form> allowed;
    private final Map<String, Set<String>> resources;
    private final Map<String, String> refused;
    private final boolean separateWords;

    private ExtraArguments(Builder b) {
        this.program = b.program;
        this.allowed = Map.copyOf(b.allowed);
        this.resources = Map.copyOf(b.resources);
        this.refused = Map.copyOf(b.refused);
        this.separateWords = b.separateWords;
    }

    public static Builder forProgram(String program) {
        return new Builder(program);
    }

    /** The options let through, sorted, for documentation and messages. */
    public Set<String> allowed() {
        Set<String> out = new TreeSet<>(allowed.keySet());
        resources.forEach((option, names) -> names.forEach(n -> out.add(option + n + "=…")));
        return out;
    }

    /** The options refused by name, with the reason. */
    public Map<String, String> refused() {
        return refused;
    }

    /** Every item of {@code extra} this dialect does not let through, each a violation of {@code extra} naming the value. */
    public List<Violation> check(Collection<String> items) {
        List<Violation> out = new ArrayList<>();
        for (String item : items) {
            String problem = problem(item);
            if (problem != null) {
                out.add(Violation.of("extra", item, problem));
            }
        }
        return out;
    }

    /**
     * An allowed item as the words a command line or directive takes: {@code -lh_cpu=100} is
     * {@code [-l, h_cpu=100]} where the scheduler reads values as the next word, else the item alone.
     */
    public List<String> words(String item) {
        if (!separateWords || item.startsWith("--")) {
            return List.of(item);
        }
        String name = shortName(item);
        return name.length() == item.length() ? List.of(item) : List.of(name, item.substring(name.length()));
    }

    /** The longest name on the list that the item starts with, else its first two characters. */
    private String shortName(String item) {
        String best = null;
        for (Set<String> names : List.of(allowed.keySet(), resources.keySet(), refused.keySet())) {
            for (String n : names) {
                if (!n.startsWith("--") && item.startsWith(n) && (best == null || n.length() > best.length())) {
                    best = n;
                }
            }
        }
        return best != null ? best : item.length() >= 2 ? item.substring(0, 2) : item;
    }

    private String problem(String item) {
        boolean isLong = item.startsWith("--");
        String name;
        String value;
        if (isLong) {
            int eq = item.indexOf('=');
            name = eq < 0 ? item : item.substring(0, eq);
            value = eq < 0 ? null : item.substring(eq + 1);
        } else {
            name = shortName(item);
            value = item.length() > name.length() ? item.substring(name.length()) : null;
        }
        String why = refused.get(name);
        if (why != null) {
            return "is refused: " + name + " " + why;
        }
        Set<String> known = resources.get(name);
        if (known != null) {
            if (value == null || value.isEmpty()) {
                return "needs its value attached (" + name + "name=value)";
            }
            for (String part : value.split(",")) {
                String resource = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
                if (!known.contains(resource) || !part.contains("=")) {
                    return "is refused: " + name + " " + resource + " is not a resource " + program
                            + " jobs may ask for through extra (allowed: " + String.join(", ", new TreeSet<>(known))
                            + ")";
                }
            }
            return null;
        }
        Form form = allowed.get(name);
        if (form == null) {
            return "is not an option Muster passes to " + program + " (allowed: " + String.join(" ", allowed())
                    + ")";
        }
        if (form == Form.NUMBER) {
            return value != null && value.matches("-?\\d{1,9}") ? null
                    : "needs a whole number attached (" + name + "10, " + name + "-10)";
        }
        if (!isLong && value != null && value.startsWith("-")) {
            return "has a value starting with '-', which " + program + " could read as an option";
        }
        return switch (form) {
            case FLAG -> value == null ? null : "takes no value: write " + name + " alone";
            case VALUE -> value == null || value.isEmpty()
                    ? "needs a value: " + name + (isLong ? "=VALUE" : "VALUE (attached)") : null;
            case NOT_A_FILE -> value == null || value.isEmpty()
                    ? "needs a value: " + name + (isLong ? "=VALUE" : "VALUE (attached)")
                    : value.indexOf('/') >= 0 ? "names a file (it has a '/'), which " + program + " would read " + name
                    + " from; give the names themselves" : null;
            case OPTIONAL_VALUE -> value != null && value.isEmpty() ? "has an empty value" : null;
            case NUMBER -> null;
        };
    }

    /** Collects a dialect's list. */
    public static final class Builder {
        private final String program;
        private final Map<String, Form> allowed = new LinkedHashMap<>();
        private final Map<String, Set<String>> resources = new LinkedHashMap<>();
        private final Map<String, String> refused = new LinkedHashMap<>();
        private boolean separateWords;

        private Builder(String program) {
            this.program = program;
        }

        public Builder allow(Form form, String... names) {
            for (String n : names) {
                allowed.put(n, form);
            }
            return this;
        }

        /** A short option whose value is a comma list of {@code resource=value}, each resource from {@code names}. */
        public Builder resources(String option, String... names) {
            resources.put(option, Set.of(names));
            return this;
        }

        public Builder refuse(String reason, String... names) {
            for (String n : names) {
                refused.put(n, reason);
            }
            return this;
        }

        /**
         * The scheduler reads a single-dash option's value as the next word ({@code -l h_cpu=100}):
         * items are written attached and split by {@link #words}.
         */
        public Builder separateWords() {
            separateWords = true;
            return this;
        }

        public ExtraArguments build() {
            return new ExtraArguments(this);
        }
    }
}
