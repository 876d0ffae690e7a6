package io.muster.options;

import java.util.List;
import java.util.function.Function;

/**
 * One entry of the option catalogue: the canonical name users see in help and events, the
 * synonyms fyrd accepted, the kind of value, the built-in default (null: none, the scheduler's
 * own applies) and a line of help. How each backend expresses it is that backend's column
 * ({@code Backends.column}).
 */
public record Keyword(String name, List<String> synonyms, Kind kind, Object defaultValue, String help) {

    /**
     * The kinds of value, each with the one function that checks and normalises it: the only
     * definition of an option's rules, which submissions ({@link OptionValues}), profiles,
     * stored options and {@code splitKeywords} all apply.
     */
    public enum Kind {
        INTEGER("whole number >= 1", Values::positiveInt),
        MEMORY("size (MB, or with b/kb/mb/gb/tb)", MemorySize::parseMb),
        TIME("duration (S, M:S, H:M:S, D-H:M:S)", v -> WallTime.format(WallTime.parse(v))),
        TOKEN("token", Values::token),
        TOKEN_LIST("list of tokens", Values::tokens),
        /**
         * A plain name (a QoS): letters, digits and {@code _ . -}, no {@code , = : & |}, which
         * would add a resource or a constraint where the scheduler reads a list ({@code -l nodes=…,qos=Q}).
         */
        NAME("name (letters, digits, _ . -)", Values::name),
        /** A list of plain names (node features, each a name: Slurm's constraint joins them with '&'). */
        NAME_LIST("list of names (letters, digits, _ . -)", Values::names),
        BOOLEAN("true/false", Values::bool),
        /** A token; that it stays inside the work root is checked with the work root at hand ({@link #check}). */
        PATH("path inside the work root", Values::token) {
            @Override
            public void check(Object raw, WorkRoot root) {
                Values.pathInside(raw, root == null ? null : root.path(),
                        root == null ? List.of() : root.protectedPaths());
            }
        },
        DIRECTORY("directory (token)", Values::token),
        BEGIN("date-time or time of day", Values::begin),
        ARRAY("array range (1-10, 1,3,5, 0-20:2, 1-100%5)", Values::arrayRange),
        ARGUMENTS("list of scheduler options", Values::schedulerArguments);

        private final String description;
        private final Function<Object, Object> normaliser;

        Kind(String description, Function<Object, ?> normaliser) {
            this.description = description;
            this.normaliser = normaliser::apply;
        }

        public String description() {
            return description;
        }

        /**
         * The value in its normalised form (MB as a long, HH:MM:SS, lists, booleans).
         *
         * @throws IllegalArgumentException saying what is wrong with it
         */
        public Object normalise(Object raw) {
            return normaliser.apply(raw);
        }

        /**
         * Checks a submitted value: as {@link #normalise}, and a path also against the work root
         * (null: only relative paths that do not climb out).
         *
         * @throws IllegalArgumentException saying what is wrong with it
         */
        public void check(Object raw, WorkRoot root) {
            normalise(raw);
        }
    }

    public Keyword {
        synonyms = List.copyOf(synonyms);
    }
}
