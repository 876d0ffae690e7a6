package io.muster.scheduler.slurm;

import static io.muster.options.Directive.adapter;
import static io.muster.options.Directive.muster;
import static io.muster.options.Directive.rendered;

import io.muster.options.Directive;
import io.muster.options.OptionColumn;
import io.muster.options.WallTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Slurm writes every option of the catalogue: sbatch long options ({@code --mem=2000}), one
 * argument each, which {@link SlurmDialect} writes as {@code #SBATCH} lines. This is Slurm's
 * column of the catalogue ({@code muster keywords}); a keyword missing here is a bug a test catches.
 */
public final class SlurmOptions {

    /** How this backend writes every keyword. */
    public static final OptionColumn COLUMN = new OptionColumn(SlurmBackend.TITLE, build());

    private SlurmOptions() {
    }

    /**
     * Slurm counts time limits in minutes and rounds seconds up ({@code --time=00:00:01} is one
     * minute): the limit is written rounded up, and the job's QUEUED event says so.
     */
    private static void time(io.muster.options.JobOptions o, io.muster.options.Rendering.Output out) {
        long seconds = o.time().getSeconds();
        long rounded = (seconds + 59) / 60 * 60;
        String limit = WallTime.format(java.time.Duration.ofSeconds(rounded));
        if (rounded != seconds) {
            out.warn("time=" + WallTime.format(o.time()) + ": Slurm counts time limits in whole minutes; the job's"
                    + " limit is " + limit);
        }
        out.line("--time=" + limit);
    }

    /** ALL and NONE in capitals, as sbatch compares them; variables as given. */
    static String slurmExport(String export) {
        return java.util.Arrays.stream(export.split(","))
                .map(item -> item.equalsIgnoreCase("ALL") || item.equalsIgnoreCase("NONE")
                        ? item.toUpperCase(java.util.Locale.ROOT) : item)
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static Map<String, Directive> build() {
        Map<String, Directive> c = new LinkedHashMap<>();
        c.put("name", adapter("--job-name=NAME"));
        c.put("cores", rendered("--cpus-per-task=C", (o, out) -> out.line("--cpus-per-task=" + o.cores())));
        c.put("nodes", rendered("--ntasks=N", (o, out) -> out.line("--ntasks=" + o.nodes())));
        c.put("mem", rendered("--mem=N", (o, out) -> out.line("--mem=" + o.memMb())));
        c.put("time", rendered("--time=HH:MM:SS (whole minutes: seconds round up, with a warning)", SlurmOptions::time));
        c.put("partition", rendered("--partition=P", (o, out) -> out.line("--partition=" + o.partition())));
        c.put("account", rendered("--account=A", (o, out) -> out.line("--account=" + o.account())));
        c.put("qos", rendered("--qos=Q", (o, out) -> out.line("--qos=" + o.qos())));
        c.put("features", rendered("--constraint=a&b",
                (o, out) -> out.line("--constraint=" + String.join("&", o.features()))));
        c.put("gpus", rendered("--gpus=G", (o, out) -> out.line("--gpus=" + o.gpus())));
        c.put("depends", adapter("--dependency=afterok:a:b"));
        c.put("modules", muster("module load X"));
        c.put("runpath", muster("the wrapper changes to it (--chdir is the job's directory)"));
        c.put("export", rendered("--export=VARS (ALL, NONE as Slurm reads them)",
                (o, out) -> out.line("--export=" + slurmExport(o.export()))));
        c.put("begin", rendered("--begin=TIME", (o, out) -> out.line("--begin=" + o.begin())));
        c.put("array", rendered("--array=RANGE", (o, out) -> out.line("--array=" + o.array())));
        c.put("mail", rendered("--mail-user=ADDR --mail-type=END,FAIL", (o, out) -> {
            out.line("--mail-user=" + o.mail());
            out.line("--mail-type=END,FAIL");
        }));
        c.put("requeue", rendered("--requeue / --no-requeue",
                (o, out) -> out.line(o.requeue() ? "--requeue" : "--no-requeue")));
        c.put("exclusive", rendered("--exclusive", (o, out) -> {
            if (o.exclusive()) {
                out.line("--exclusive");
            }
        }));
        c.put("extra", rendered("as given", (o, out) -> o.extra().forEach(out::line)));
        return c;
    }
}
