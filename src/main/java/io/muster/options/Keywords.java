package io.muster.options;

import static io.muster.options.Directive.adapter;
import static io.muster.options.Directive.muster;
import static io.muster.options.Directive.rendered;
import static io.muster.options.Directive.unsupported;

import io.muster.options.Keyword.Kind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The option catalogue: one table, one entry per keyword, saying what it means, what it
 * accepts, and how Slurm, Torque/PBS and the local pool express it. Everything else (help,
 * {@code muster keywords}, normalisation, rendering, warnings) reads this table.
 *
 * <p>Slurm forms are sbatch long options ({@code --mem=2000}), one argument each, which a Slurm
 * dialect writes as {@code #SBATCH} lines. Torque forms are qsub options with their value
 * ({@code -l mem=2000MB}), which a Torque dialect writes as {@code #PBS} lines. Torque's
 * {@code cores}, {@code nodes}, {@code features} and {@code qos} share one {@code -l nodes=}
 * line, so all four render that same line (kept once).
 */
public final class Keywords {

    private static final String NODES_LINE = "-l nodes=N:ppn=C[:feature...][,qos=Q]";
    private static final Directive TORQUE_NODES = rendered(NODES_LINE, Keywords::torqueNodesLine);
    private static final String CLEAN_FILES = "deleted when COMPLETED";
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
            "suffix", "is refused: Muster's job file names are fixed (job.sh, wrapper.sh, stdout, stderr); drop the option");
    private static final String CLEAN_OUTPUTS = "deleted when collected";

    private static final List<Keyword> CATALOGUE = List.of(
            kw("name", Kind.TOKEN, null, "job name, shown by the scheduler (default: the command's first word)",
                    adapter("--job-name=NAME"), adapter("-N NAME"), local("recorded")),
            kw("cores", Kind.INTEGER, 1, "cores (CPUs) per task",
                    rendered("--cpus-per-task=C", (o, out) -> out.line("--cpus-per-task=" + o.cores())),
                    TORQUE_NODES, local("reserved from the pool"), "cpus", "threads"),
            kw("nodes", Kind.INTEGER, 1, "tasks to run (fyrd's nodes; on Torque, nodes)",
                    rendered("--ntasks=N", (o, out) -> out.line("--ntasks=" + o.nodes())),
                    // the pool refuses nodes > 1 when it checks the job (LocalScheduler.check)
                    TORQUE_NODES, local("one machine: more than 1 is refused")),
            kw("mem", Kind.MEMORY, 4000L, "memory in MB, or with a unit: '4GB', '512MB' (under 5 MB becomes 5)",
                    rendered("--mem=N", (o, out) -> out.line("--mem=" + o.memMb())),
                    rendered("-l mem=NMB", (o, out) -> out.line("-l mem=" + o.memMb() + "MB")),
                    local("reserved from the pool's memory"), "memory"),
            kw("time", Kind.TIME, "04:00:00", "wall-clock limit: S, M:S, H:M:S or D-H[:M[:S]]",
                    rendered("--time=HH:MM:SS", (o, out) -> out.line("--time=" + WallTime.format(o.time()))),
                    rendered("-l walltime=HH:MM:SS", (o, out) -> out.line("-l walltime=" + WallTime.format(o.time()))),
                    local("enforced (TIMEOUT past it); the backfill estimate"), "walltime"),
            kw("partition", Kind.TOKEN, null, "partition (queue) to submit to",
                    rendered("--partition=P", (o, out) -> out.line("--partition=" + o.partition())),
                    rendered("-q P", (o, out) -> out.line("-q " + o.partition())),
                    unsupported("ignored"), "queue"),
            kw("account", Kind.TOKEN, null, "account to charge",
                    rendered("--account=A", (o, out) -> out.line("--account=" + o.account())),
                    rendered("-A A", (o, out) -> out.line("-A " + o.account())),
                    unsupported("ignored")),
            kw("qos", Kind.TOKEN, null, "quality of service",
                    rendered("--qos=Q", (o, out) -> out.line("--qos=" + o.qos())),
                    TORQUE_NODES, unsupported("ignored")),
            kw("features", Kind.TOKEN_LIST, null, "node features the job needs, all of them",
                    rendered("--constraint=a&b", (o, out) -> out.line("--constraint=" + String.join("&", o.features()))),
                    TORQUE_NODES, unsupported("ignored")),
            kw("gpus", Kind.INTEGER, null, "GPUs for the job",
                    rendered("--gpus=G", (o, out) -> out.line("--gpus=" + o.gpus())),
                    rendered("-l ngpus=G", (o, out) -> out.line("-l ngpus=" + o.gpus())),
                    unsupported("ignored")),
            kw("depends", Kind.TOKEN_LIST, null, "jobs (Muster or scheduler ids) that must end well first",
                    adapter("--dependency=afterok:a:b"), adapter("-W depend=afterok:a:b"), adapter("waits for them"),
                    "depend", "dependency", "dependencies"),
            kw("modules", Kind.TOKEN_LIST, null, "environment modules to load, in this order",
                    muster("module load X"), muster("module load X"),
                    muster("module load X")),
            kw("runpath", Kind.DIRECTORY, null, "directory the command runs in (relative: to the job's directory)",
                    rendered("--chdir=DIR", (o, out) -> out.line("--chdir=" + o.runpath())),
                    rendered("-d DIR", (o, out) -> out.line("-d " + o.runpath())),
                    local("the command runs there"), "dir", "path"),
            kw("outfile", Kind.PATH, null, "file for the scheduler's standard output",
                    rendered("--output=FILE", (o, out) -> out.line("--output=" + o.outfile())),
                    rendered("-o FILE", (o, out) -> out.line("-o " + o.outfile())),
                    unsupported("ignored: output goes to the job's stdout file"), "stdout"),
            kw("errfile", Kind.PATH, null, "file for the scheduler's standard error",
                    rendered("--error=FILE", (o, out) -> out.line("--error=" + o.errfile())),
                    rendered("-e FILE", (o, out) -> out.line("-e " + o.errfile())),
                    unsupported("ignored: errors go to the job's stderr file"), "stderr"),
            kw("export", Kind.TOKEN, null, "environment variables to pass: ALL, NONE, or NAME[=VALUE],...",
                    rendered("--export=VARS", (o, out) -> out.line("--export=" + o.export())),
                    rendered("-v VARS", (o, out) -> out.line("-v " + o.export())),
                    unsupported("ignored: the job inherits the server's environment")),
            kw("begin", Kind.BEGIN, null, "do not start before: YYYY-MM-DDTHH:MM[:SS] or HH:MM[:SS]",
                    rendered("--begin=TIME", (o, out) -> out.line("--begin=" + o.begin())),
                    rendered("-a [[CC]YYMMDD]hhmm.SS", (o, out) -> out.line("-a " + torqueTime(o.begin()))),
                    unsupported("ignored")),
            kw("array", Kind.ARRAY, null, "run as a job array over these indices",
                    rendered("--array=RANGE", (o, out) -> out.line("--array=" + o.array())),
                    rendered("-t RANGE (no :step)", Keywords::torqueArray),
                    local("each task in turn, in the job's cores")),
            kw("mail", Kind.TOKEN, null, "address to mail when the job ends or fails",
                    rendered("--mail-user=ADDR --mail-type=END,FAIL", (o, out) -> {
                        out.line("--mail-user=" + o.mail());
                        out.line("--mail-type=END,FAIL");
                    }),
                    rendered("-M ADDR -m ae", (o, out) -> {
                        out.line("-M " + o.mail());
                        out.line("-m ae");
                    }),
                    unsupported("ignored")),
            kw("requeue", Kind.BOOLEAN, null, "may the scheduler requeue the job after a node failure or preemption",
                    rendered("--requeue / --no-requeue", (o, out) -> out.line(o.requeue() ? "--requeue" : "--no-requeue")),
                    rendered("-r y / -r n", (o, out) -> out.line(o.requeue() ? "-r y" : "-r n")),
                    unsupported("ignored")),
            kw("exclusive", Kind.BOOLEAN, null, "whole nodes for this job alone",
                    rendered("--exclusive", (o, out) -> {
                        if (o.exclusive()) {
                            out.line("--exclusive");
                        }
                    }),
                    rendered("-n", (o, out) -> {
                        if (o.exclusive()) {
                            out.line("-n");
                        }
                    }),
                    unsupported("ignored")),
            kw("extra", Kind.ARGUMENTS, null, "raw scheduler options, each one token starting with '-'",
                    rendered("as given", (o, out) -> o.extra().forEach(out::line)),
                    rendered("as given", (o, out) -> o.extra().forEach(out::line)),
                    unsupported("ignored")),
            kw("scriptpath", Kind.PATH, null, "fyrd's directory for job scripts: refused, Muster keeps them in the job's directory",
                    muster(REFUSED), muster(REFUSED), muster(REFUSED), "filedir", "filepath", "scriptdir"),
            kw("outpath", Kind.PATH, null, "fyrd's directory for outputs: refused, Muster keeps them in the job's directory",
                    muster(REFUSED), muster(REFUSED), muster(REFUSED)),
            kw("suffix", Kind.TOKEN, null, "fyrd's suffix of job files: refused, Muster's file names are fixed",
                    muster(REFUSED), muster(REFUSED), muster(REFUSED)),
            kw("clean_files", Kind.BOOLEAN, null, "delete the job's scripts (job.sh, wrapper.sh) once it COMPLETED",
                    muster(CLEAN_FILES), muster(CLEAN_FILES), muster(CLEAN_FILES), "delete_files", "cleanfiles", "delfiles"),
            kw("clean_outputs", Kind.BOOLEAN, null,
                    "delete the job's stdout and stderr once they were collected (muster get, the client's stdout())",
                    muster(CLEAN_OUTPUTS), muster(CLEAN_OUTPUTS), muster(CLEAN_OUTPUTS),
                    "delete_outputs", "cleanouts", "delouts", "deloutputs", "cleanoutputs"));

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

    private static Keyword kw(String name, Kind kind, Object defaultValue, String help, Directive slurm,
                              Directive torque, Directive local, String... synonyms) {
        return new Keyword(name, List.of(synonyms), kind, defaultValue, help, slurm, torque, local);
    }

    /** The local pool honours it: nothing to write, nothing to warn about. */
    private static Directive local(String note) {
        return rendered(note, (o, out) -> { });
    }

    private static void torqueNodesLine(JobOptions o, Rendering.Output out) {
        StringBuilder line = new StringBuilder("-l nodes=").append(o.nodes()).append(":ppn=").append(o.cores());
        o.features().forEach(f -> line.append(':').append(f));
        if (o.qos() != null) {
            line.append(",qos=").append(o.qos());
        }
        out.line(line.toString());
    }

    private static void torqueArray(JobOptions o, Rendering.Output out) {
        if (o.array().contains(":")) {
            out.warn("array=" + o.array() + ": Torque cannot step through an array range; the job is not an array");
        } else {
            out.line("-t " + o.array());
        }
    }

    /** qsub -a wants [[[[CC]YY]MM]DD]hhmm[.SS]. */
    static String torqueTime(String begin) {
        String digits = begin.replace("-", "").replace("T", "").replace(":", "");
        return digits.substring(0, digits.length() - 2) + "." + digits.substring(digits.length() - 2);
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
