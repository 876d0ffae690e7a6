package io.muster.options;

import static io.muster.options.Directive.muster;

import io.muster.options.Keyword.Kind;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The option catalogue: one table, one entry per keyword, saying what it means and what it
 * accepts. Everything else (help, {@code muster keywords}, normalisation, validation) reads this
 * table. How each backend expresses a keyword is that backend's own column, in its package
 * ({@code SlurmOptions}, {@code TorqueOptions}, {@code SgeOptions}, {@code LocalOptions}), listed
 * by the registry of backends; the keywords Muster handles itself on every backend
 * ({@link #musterColumn}) are written here once.
 */
public final class Keywords {

    private static final String CLEAN_FILES = "deleted when COMPLETED";
    /** outfile and errfile: the wrapper copies the job's own file there, the same on every backend. */
    private static final String COPIED = "the wrapper copies the job's ";
    private static final String REFUSED = "refused";
    /**
     * fyrd keywords Muster cannot apply on any backend: accepting them would do nothing, so a
     * submission or profile naming them is refused with the reason (a fyrd user learns what to
     * use instead rather than being told the option is unknown).
     */
    private static final Map<String, String> REFUSALS = Map.of(
            "scriptpath", "is refused: Muster keeps every job's scripts in the job's own directory"
                    + " (jobs.work_root/jobs/ID) and cannot put them elsewhere; drop the option"
                    + " (runpath sets where the command runs)",
            "outpath", "is refused: Muster keeps every job's outputs in the job's own directory"
                    + " (jobs.work_root/jobs/ID); drop the option, or use outfile/errfile for the scheduler's own output",
            "suffix", "is refused: Muster's job file names are fixed (job.sh, wrapper.sh, stdout, stderr); drop the option",
            "imports", "is refused: fyrd's imports are for submitting Python functions, and Muster runs shell commands;"
                    + " drop the option (import in the script the command runs)",
            "syspaths", "is refused: fyrd's syspaths are for submitting Python functions, and Muster runs shell"
                    + " commands; drop the option (set PYTHONPATH in the command)");
    private static final String CLEAN_OUTPUTS = "deleted when collected";

    private static final List<Keyword> CATALOGUE = List.of(
            kw("name", Kind.TOKEN, null, "job name, shown by the scheduler (default: the command's first word)"),
            kw("cores", Kind.INTEGER, 1, "cores (CPUs) per task", "cpus", "threads"),
            kw("nodes", Kind.INTEGER, 1, "tasks to run (fyrd's nodes; on Torque, nodes)"),
            kw("mem", Kind.MEMORY, 4000L, "memory in MB, or with a unit: '4GB', '512MB' (under 5 MB becomes 5)",
                    "memory"),
            kw("time", Kind.TIME, "04:00:00", "wall-clock limit: S, M:S, H:M:S or D-H[:M[:S]]", "walltime"),
            kw("partition", Kind.TOKEN, null, "partition (queue) to submit to", "queue"),
            kw("account", Kind.TOKEN, null, "account to charge"),
            kw("qos", Kind.NAME, null, "quality of service"),
            kw("features", Kind.NAME_LIST, null, "node features the job needs, all of them"),
            kw("gpus", Kind.INTEGER, null, "GPUs for the job"),
            kw("depends", Kind.TOKEN_LIST, null, "jobs that must end well first (ID, afterok:ID; or afterany:ID): Muster jobs of the same backend, or a cluster's own job ids",
                    "depend", "dependency", "dependencies"),
            kw("modules", Kind.TOKEN_LIST, null, "environment modules to load, in this order"),
            kw("runpath", Kind.DIRECTORY, null, "directory the command runs in (relative: to the job's directory)",
                    "dir", "path"),
            kw("outfile", Kind.PATH, null, "file the job's standard output is copied to as it ends (%j: the Muster job id;"
                    + " %a: the array index, else .INDEX is appended for an array)", "stdout"),
            kw("errfile", Kind.PATH, null, "file the job's standard error is copied to as it ends (%j and %a as for"
                    + " outfile)", "stderr"),
            kw("export", Kind.TOKEN, null, "environment variables to pass: ALL, NONE, or NAME[=VALUE],..."),
            kw("begin", Kind.BEGIN, null, "do not start before: YYYY-MM-DDTHH:MM[:SS] or HH:MM[:SS]"),
            kw("array", Kind.ARRAY, null, "run as a job array over these indices"),
            kw("mail", Kind.TOKEN, null, "address to mail when the job ends or fails"),
            kw("requeue", Kind.BOOLEAN, null, "may the scheduler requeue the job after a node failure or preemption"),
            kw("exclusive", Kind.BOOLEAN, null, "whole nodes for this job alone"),
            kw("extra", Kind.ARGUMENTS, null, "raw scheduler options, each one token starting with '-'"),
            kw("scriptpath", Kind.PATH, null, "fyrd's directory for job scripts: refused, Muster keeps them in the job's directory",
                    "filedir", "filepath", "scriptdir"),
            kw("outpath", Kind.PATH, null, "fyrd's directory for outputs: refused, Muster keeps them in the job's directory"),
            kw("suffix", Kind.TOKEN, null, "fyrd's suffix of job files: refused, Muster's file names are fixed"),
            kw("imports", Kind.TOKEN_LIST, null, "fyrd's imports for Python functions: refused, Muster runs commands"),
            kw("syspaths", Kind.TOKEN_LIST, null, "fyrd's sys.path entries for Python functions: refused, Muster runs"
                    + " commands", "syspath", "paths"),
            kw("clean_files", Kind.BOOLEAN, null, "delete the job's scripts (job.sh, wrapper.sh) once it COMPLETED",
                    "delete_files", "cleanfiles", "delfiles"),
            kw("clean_outputs", Kind.BOOLEAN, null,
                    "delete the job's stdout and stderr once they were collected (muster get, the client's stdout())",
                    "delete_outputs", "cleanouts", "delouts", "deloutputs", "cleanoutputs"));

    /**
     * What Muster does itself, the same on every backend: fyrd's keywords it refuses, and the
     * cleaning of a job's files. Every backend's column takes these as they are.
     */
    private static final Map<String, Directive> MUSTER_COLUMN = musterForms();

    private static final Map<String, Keyword> BY_NAME = new LinkedHashMap<>();

    static {
        for (Keyword k : CATALOGUE) {
            register(k.name(), k);
            for (String synonym : k.synonyms()) {
                register(synonym, k);
            }
        }
    }

    private Keywords() {
    }

    private static void register(String name, Keyword keyword) {
        if (BY_NAME.put(name, keyword) != null) {
            throw new IllegalStateException("the catalogue names '" + name + "' twice");
        }
    }

    private static Keyword kw(String name, Kind kind, Object defaultValue, String help, String... synonyms) {
        return new Keyword(name, List.of(synonyms), kind, defaultValue, help);
    }

    private static Map<String, Directive> musterForms() {
        Map<String, Directive> c = new LinkedHashMap<>();
        for (String refused : REFUSALS.keySet().stream().sorted().toList()) {
            c.put(refused, muster(REFUSED));
        }
        c.put("outfile", muster(COPIED + "stdout"));
        c.put("errfile", muster(COPIED + "stderr"));
        c.put("clean_files", muster(CLEAN_FILES));
        c.put("clean_outputs", muster(CLEAN_OUTPUTS));
        return Collections.unmodifiableMap(c);
    }

    /** The forms of the keywords Muster handles itself on every backend, for each backend's column. */
    public static Map<String, Directive> musterColumn() {
        return MUSTER_COLUMN;
    }

    /** Why a keyword is refused (fyrd's, with no effect in Muster), or empty if it is applied. */
    public static Optional<String> refusal(String canonicalName) {
        return Optional.ofNullable(REFUSALS.get(canonicalName));
    }

    public static List<Keyword> all() {
        return CATALOGUE;
    }

    /** The keyword a name or synonym stands for, case-insensitively. */
    public static Optional<Keyword> find(String nameOrSynonym) {
        return Optional.ofNullable(BY_NAME.get(nameOrSynonym.toLowerCase(Locale.ROOT).trim()));
    }

    /** The keyword with this canonical name. */
    public static Keyword get(String name) {
        Keyword k = BY_NAME.get(name);
        if (k == null || !k.name().equals(name)) {
            throw new IllegalArgumentException("no keyword named '" + name + "'");
        }
        return k;
    }

    /** The known name closest to a misspelt one, if any is close enough to be a likely typo. */
    public static Optional<String> closest(String unknown) {
        return closestOf(unknown, BY_NAME.keySet()).map(k -> BY_NAME.get(k).name());
    }

    /**
     * The candidate closest to a misspelt name, ignoring case, if it is close enough to be a
     * likely typo (at most a third of the name's letters, and at least 2, edited).
     */
    public static Optional<String> closestOf(String unknown, Collection<String> candidates) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, unknown.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    public static Collection<String> names() {
        return CATALOGUE.stream().map(Keyword::name).toList();
    }

    /** The built-in defaults (the keywords that have one), normalised: the base of every profile. */
    public static Map<String, Object> defaults() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Keyword k : CATALOGUE) {
            if (k.defaultValue() != null) {
                out.put(k.name(), k.kind().normalise(k.defaultValue()));
            }
        }
        return out;
    }

    /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one edit. */
    public static int distance(String a, String b) {
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
