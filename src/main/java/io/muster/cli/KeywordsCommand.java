package io.muster.cli;

import io.muster.backends.Backends;
import io.muster.options.Directive;
import io.muster.options.Keyword;
import io.muster.options.Keywords;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code muster keywords [NAME]}: the option catalogue, whole or one keyword. */
@Command(name = "keywords", mixinStandardHelpOptions = true,
        description = "Show the job options Muster accepts (synonyms, type, default, how each backend expresses them).")
class KeywordsCommand implements Callable<Integer> {

    enum Format { plain, markdown }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "plain",
            description = "plain or markdown (default: ${DEFAULT-VALUE})")
    Format format;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "one option (or synonym) to describe")
    String name;

    @Spec
    CommandSpec spec;

    /** Accepted as by every command, so one alias serves them all; the catalogue is this build's own. */
    @picocli.CommandLine.Mixin
    ClientOptions client;

    /** The backends' columns, from the registry: every cluster scheduler, then the local pool. */
    private static final List<String> BACKENDS = columns();
    private static final List<String> HEADERS = headers();

    private static List<String> columns() {
        List<String> names = new ArrayList<>(Backends.names());
        names.remove(Backends.LOCAL);
        names.add(Backends.LOCAL);
        return List.copyOf(names);
    }

    private static List<String> headers() {
        List<String> h = new ArrayList<>(List.of("option", "synonyms", "type", "default"));
        BACKENDS.forEach(b -> h.add(Backends.title(b)));
        h.add("description");
        return List.copyOf(h);
    }

    private static Directive form(String backend, Keyword k) {
        return Backends.column(backend).apply(k);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (name != null) {
            var keyword = Keywords.find(name);
            if (keyword.isEmpty()) {
                spec.commandLine().getErr().println("muster: " + name + " is not an option"
                        + Keywords.closest(name).map(k -> "; did you mean " + k + "?").orElse("")
                        + " (muster keywords lists them all)");
                return 2;
            }
            describe(keyword.get(), out);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Keyword k : Keywords.all()) {
            rows.add(row(k));
        }
        if (format == Format.markdown) {
            markdown(out);
        } else {
            plain(rows, out);
        }
        out.println();
        out.println("Slurm forms are sbatch options (#SBATCH lines), Torque/PBS and Grid Engine forms qsub options"
                + " (#PBS, #$ lines); '(adapter)' is written by the scheduler adapter, '(warns)' means the job runs"
                + " without it and its events say so.");
        out.flush();
        return 0;
    }

    private static List<String> row(Keyword k) {
        List<String> cells = new ArrayList<>(List.of(k.name(), String.join(", ", k.synonyms()), k.kind().description(),
                defaultOf(k)));
        BACKENDS.forEach(b -> cells.add(cell(form(b, k))));
        cells.add(k.help());
        return cells;
    }

    private static String defaultOf(Keyword k) {
        return k.defaultValue() == null ? "" : String.valueOf(k.kind().normalise(k.defaultValue()));
    }

    static String cell(Directive d) {
        return switch (d.handling()) {
            case SCHEDULER -> d.form();
            case MUSTER -> d.form().equals("-") ? "-" : d.form() + " (by Muster)";
            case ADAPTER -> d.form() + " (adapter)";
            case UNSUPPORTED -> "- (warns)";
        };
    }

    private static void describe(Keyword k, PrintWriter out) {
        out.println(k.name() + (k.synonyms().isEmpty() ? "" : " (synonyms: " + String.join(", ", k.synonyms()) + ")"));
        out.println("  " + k.help());
        out.println("  type:       " + k.kind().description());
        out.println("  default:    " + (k.defaultValue() == null ? "none" : defaultOf(k)));
        int width = BACKENDS.stream().mapToInt(b -> Backends.title(b).length()).max().orElse(0) + 1;
        for (String b : BACKENDS) {
            out.println("  " + String.format("%-" + width + "s ", Backends.title(b) + ":") + line(form(b, k)));
        }
        out.flush();
    }

    private static String line(Directive d) {
        return switch (d.handling()) {
            case SCHEDULER -> d.form();
            case MUSTER -> d.form().equals("-") ? "nothing to write (Muster handles it)"
                    : d.form() + " (written by Muster, the same on every backend)";
            case ADAPTER -> d.form() + " (written by the scheduler adapter)";
            case UNSUPPORTED -> "cannot express it: " + d.form() + "; a job that sets it gets a warning";
        };
    }

    private static void markdown(PrintWriter out) {
        out.println("| " + String.join(" | ", HEADERS) + " |");
        out.println("|" + "---|".repeat(HEADERS.size()));
        for (Keyword k : Keywords.all()) {
            List<String> cells = new ArrayList<>(List.of("`" + k.name() + "`",
                    k.synonyms().isEmpty() ? "–" : String.join(", ", k.synonyms()),
                    k.kind().description(), k.defaultValue() == null ? "–" : "`" + defaultOf(k) + "`"));
            BACKENDS.forEach(b -> cells.add(markdownCell(form(b, k), !b.equals(Backends.LOCAL))));
            cells.add(k.help());
            out.println("| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |");
        }
    }

    private static String markdownCell(Directive d, boolean code) {
        boolean looksLikeCode = d.form().startsWith("-") || d.form().startsWith("module ");
        String form = code && looksLikeCode ? "`" + d.form() + "`" : d.form();
        return switch (d.handling()) {
            case SCHEDULER -> form;
            case MUSTER -> d.form().equals("-") ? "–" : form + " (by Muster)";
            case ADAPTER -> form + " (adapter)";
            case UNSUPPORTED -> "– (warns)";
        };
    }

    private static void plain(List<List<String>> rows, PrintWriter out) {
        int columns = HEADERS.size();
        int[] width = new int[columns];
        List<List<String>> all = new ArrayList<>();
        all.add(HEADERS);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < columns - 1; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                line.append(i == columns - 1 ? cell : String.format("%-" + width[i] + "s  ", cell));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
