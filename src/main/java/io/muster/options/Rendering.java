package io.muster.options;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Options to scheduler arguments, read off the catalogue: pure functions, no I/O.
 *
 * <p>{@link #slurm} gives sbatch long options ({@code --cpus-per-task=5}), one argument each;
 * a Slurm dialect writes each as an {@code #SBATCH} line. {@link #torque} gives qsub options
 * with their value ({@code -l nodes=2:ppn=5:bigmem}); a Torque dialect writes each as a
 * {@code #PBS} line, or splits it with {@link #arguments} for a command line. Values are
 * validated tokens, so neither form can carry a newline or a second directive.
 *
 * <p>Not rendered here, by design: {@code depends} (the adapter renders
 * {@code --dependency=afterok:…} / {@code -W depend=afterok:…} from ids it has translated to
 * its scheduler's, see {@code JobSubmission.dependencies()}) and {@code name} (the adapter
 * writes the job's name, which has a default when the option is absent). Options a backend
 * cannot express are not dropped silently: {@link #warnings} lists them, for the job's events.
 */
public final class Rendering {

    /** The backends whose column the catalogue has. */
    public enum Target {
        SLURM, TORQUE, LOCAL;

        /** The name users write in {@code backend}. */
        public String backendName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Target of(String backend) {
            for (Target t : values()) {
                if (t.backendName().equals(backend)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no catalogue column for backend '" + backend + "'");
        }
    }

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

    public static List<String> slurm(JobOptions options) {
        return render(Target.SLURM, options).arguments();
    }

    public static List<String> torque(JobOptions options) {
        return render(Target.TORQUE, options).arguments();
    }

    /** The options given that this backend cannot express (or only in part), one sentence each. */
    public static List<String> warnings(Target target, JobOptions options) {
        return render(target, options).warnings();
    }

    public static Rendered render(Target target, JobOptions options) {
        return render(describe(target), k -> k.directive(target), options);
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

    private static String describe(Target target) {
        return switch (target) {
            case SLURM -> "Slurm";
            case TORQUE -> "Torque/PBS";
            case LOCAL -> "the local pool";
        };
    }

    /** The job script's module lines, in the order given. */
    public static List<String> moduleLines(JobOptions options) {
        return options.modules().stream().map(m -> "module load " + m).toList();
    }
}
