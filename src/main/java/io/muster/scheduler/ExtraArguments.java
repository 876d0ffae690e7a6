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
 * <p>Forms: long options {@code --name=value} or {@code --name} (sbatch), short options with the
 * value attached {@code -lname=value} (qsub). A value-taking option without its value is refused:
 * in a script header it would take the next directive as its value.
 */
public final class ExtraArguments {

    /** How an allowed option is written. */
    public enum Form {
        /** {@code --name} alone. */
        FLAG,
        /** {@code --name=value}, the value required. */
        VALUE,
        /** {@code --name} or {@code --name=value}. */
        OPTIONAL_VALUE
    }

    /** Refuses every raw option: the default for a dialect that has not listed its own. */
    public static final ExtraArguments NONE = new Builder("this scheduler").build();

    private final String program;
    private final Map<String, Form> allowed;
    private final Map<String, Set<String>> resources;
    private final Map<String, String> refused;

    private ExtraArguments(Builder b) {
        this.program = b.program;
        this.allowed = Map.copyOf(b.allowed);
        this.resources = Map.copyOf(b.resources);
        this.refused = Map.copyOf(b.refused);
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

    private String problem(String item) {
        boolean isLong = item.startsWith("--");
        String name;
        String value;
        if (isLong) {
            int eq = item.indexOf('=');
            name = eq < 0 ? item : item.substring(0, eq);
            value = eq < 0 ? null : item.substring(eq + 1);
        } else {
            name = item.length() >= 2 ? item.substring(0, 2) : item;
            value = item.length() > 2 ? item.substring(2) : null;
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
        return switch (form) {
            case FLAG -> value == null ? null : "takes no value: write " + name + " alone";
            case VALUE -> value == null || value.isEmpty() ? "needs a value: " + name + "=VALUE" : null;
            case OPTIONAL_VALUE -> value != null && value.isEmpty() ? "has an empty value" : null;
        };
    }

    /** Collects a dialect's list. */
    public static final class Builder {
        private final String program;
        private final Map<String, Form> allowed = new LinkedHashMap<>();
        private final Map<String, Set<String>> resources = new LinkedHashMap<>();
        private final Map<String, String> refused = new LinkedHashMap<>();

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

        public ExtraArguments build() {
            return new ExtraArguments(this);
        }
    }
}
