package io.muster.options;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Options to scheduler arguments, read off the catalogue: pure functions, no I/O.
 *
 * <p>Each backend's column ({@link OptionColumn}: {@code SlurmOptions}, {@code TorqueOptions},
 * {@code SgeOptions}, {@code LocalOptions}) says how it writes every keyword; {@link #render}
 * walks the catalogue through one column. A dialect writes each argument as a directive line ({@code #SBATCH},
 * {@code #PBS}, {@code #$}), or splits it with {@link #arguments} for a command line. Values are
 * validated tokens, so no form can carry a newline or a second directive.
 *
 * <p>Not rendered here, by design: {@code depends} (the adapter renders
 * {@code --dependency=afterok:…} / {@code -W depend=afterok:…} from ids it has translated to
 * its scheduler's, see {@code JobSubmission.dependencies()}) and {@code name} (the adapter
 * writes the job's name, which has a default when the option is absent). Options a backend
 * cannot express are not dropped silently: {@link Rendered#warnings} lists them, for the job's events.
 */
public final class Rendering {

    /** What rendering wrote: arguments (each once, in catalogue order) and warnings. */
    public record Rendered(List<String> arguments, List<String> warnings) {
        public Rendered {
            arguments = List.copyOf(arguments);
            warnings = List.copyOf(warnings);
        }
    }

    /** Where a {@link Directive.Renderer} writes; the same argument written twice is kept once. */
    public static final class Output {
        private final Set<String> lines = new LinkedHashSet<>();
        private final List<String> warnings = new ArrayList<>();

        public void line(String argument) {
            lines.add(argument);
        }

        public void warn(String warning) {
            warnings.add(warning);
        }
    }

    private Rendering() {
    }

    /**
     * The options rendered by one backend's column of directive forms: {@code column} gives,
     * for every keyword of the catalogue, how that backend expresses it; {@code backend} names
     * the backend in warnings ("Grid Engine cannot express it").
     */
    public static Rendered render(String backend, Function<Keyword, Directive> column, JobOptions options) {
        Output out = new Output();
        for (Keyword k : Keywords.all()) {
            Object value = options.value(k.name());
            if (value == null) {
                continue;
            }
            Directive d = column.apply(k);
            switch (d.handling()) {
                case SCHEDULER -> d.renderer().render(options, out);
                case UNSUPPORTED -> {
                    if (!Boolean.FALSE.equals(value)) {
                        out.warn(k.name() + "=" + value + ": " + backend + " cannot express it; "
                                + d.form());
                    }
                }
                case MUSTER, ADAPTER -> { }
            }
        }
        return new Rendered(new ArrayList<>(out.lines), out.warnings);
    }

    /** The job script's module lines, in the order given. */
    public static List<String> moduleLines(JobOptions options) {
        return options.modules().stream().map(m -> "module load " + m).toList();
    }
}
