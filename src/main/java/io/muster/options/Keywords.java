package io.muster.options;

import io.muster.options.Keyword.Kind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The option catalogue: one table, one line per keyword. */
public final class Keywords {

    private static final List<Keyword> CATALOGUE = List.of(
            kw("name", Kind.TOKEN, "job name, shown by the scheduler"),
            kw("cores", Kind.INTEGER, "cores (CPUs) per task", "cpus", "threads"),
            kw("nodes", Kind.INTEGER, "nodes (tasks) to run on"),
            kw("mem", Kind.MEMORY, "memory in MB, or with a unit: '4GB', '512MB'", "memory"),
            kw("time", Kind.TIME, "wall-clock limit: S, M:S, H:M:S or D-H:M:S", "walltime"),
            kw("partition", Kind.TOKEN, "partition (queue) to submit to", "queue"),
            kw("depends", Kind.TOKEN_LIST, "jobs (Muster or scheduler ids) that must end well first",
                    "depend", "dependency", "dependencies"),
            kw("runpath", Kind.PATH, "directory the command runs in", "dir", "path"));

    private static final Map<String, Keyword> BY_NAME = new LinkedHashMap<>();

    static {
        for (Keyword k : CATALOGUE) {
            BY_NAME.put(k.name(), k);
            for (String synonym : k.synonyms()) {
                BY_NAME.put(synonym, k);
            }
        }
    }

    private Keywords() {
    }

    private static Keyword kw(String name, Kind kind, String help, String... synonyms) {
        return new Keyword(name, List.of(synonyms), kind, help);
    }

    public static List<Keyword> all() {
        return CATALOGUE;
    }

    /** The keyword a name or synonym stands for, case-insensitively. */
    public static Optional<Keyword> find(String nameOrSynonym) {
        return Optional.ofNullable(BY_NAME.get(nameOrSynonym.toLowerCase(Locale.ROOT).trim()));
    }

    /** The known name closest to a misspelt one, if any is close enough to be a likely typo. */
    public static Optional<String> closest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : BY_NAME.keySet()) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), known);
            if (d < bestDistance) {
                bestDistance = d;
                best = BY_NAME.get(known).name();
            }
        }
        return bestDistance <= Math.max(2, unknown.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    public static Collection<String> names() {
        return CATALOGUE.stream().map(Keyword::name).toList();
    }

    /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
