package io.muster.scheduler.sge;

import static io.muster.options.Directive.adapter;
import static io.muster.options.Directive.muster;
import static io.muster.options.Directive.rendered;
import static io.muster.options.Directive.unsupported;

import io.muster.options.Directive;
import io.muster.options.JobOptions;
import io.muster.options.OptionColumn;
import io.muster.options.Rendering;
import io.muster.options.WallTime;
import io.muster.scheduler.QsubExport;
import io.muster.scheduler.QsubTime;
import io.muster.job.ArrayIndices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Grid Engine writes every option of the catalogue: qsub options with their value
 * ({@code -l h_rt=01:00:00}), one {@code #$} line each, or why it cannot. This is Grid Engine's
 * column of the catalogue ({@code muster keywords}); a keyword missing here is a bug a test catches.
 */
public final class SgeOptions {

    /** A Grid Engine task range: {@code n[-m[:s]]}; {@code %N} (Slurm's limit) becomes {@code -tc N}. */
    private static final Pattern RANGE = Pattern.compile("(\\d+(?:-\\d+(?::\\d+)?)?)(?:%(\\d+))?");

    private SgeOptions() {
    }

    /** Grid Engine's form of every keyword, for a cell whose {@code cores} go to {@code pe} and {@code mem} to {@code memory}. */
    public static Map<String, Directive> column(String pe, SgeDialect.MemoryResource memory) {
        String mem = memory.complex();
        Map<String, Directive> c = new LinkedHashMap<>();
        c.put("name", adapter("-N NAME"));
        c.put("cores", rendered("-pe " + pe + " C (above 1; sge.pe)", (o, out) -> {
            if (o.cores() > 1) {
                out.line("-pe " + pe + " " + o.cores());
            }
        }));
        c.put("nodes", rendered("one host per job: more than 1 is ignored", (o, out) -> {
            if (o.nodes() > 1) {
                out.warn("nodes=" + o.nodes() + ": the " + pe + " parallel environment keeps a job on one host;"
                        + " the job gets " + o.cores() + " cores on one host");
            }
        }));
        c.put("mem", rendered("-l " + mem + "=NM (per core; sge.memory)", (o, out) ->
                out.line("-l " + mem + "=" + perSlot(o.memMb(), o.cores()) + "M")));
        c.put("time", rendered("-l h_rt=HH:MM:SS", (o, out) -> out.line("-l h_rt=" + WallTime.format(o.time()))));
        c.put("partition", rendered("-q Q", (o, out) -> out.line("-q " + o.partition())));
        c.put("account", rendered("-A A", (o, out) -> out.line("-A " + o.account())));
        c.put("qos", unsupported("no such notion: use a queue (partition) or extra"));
        c.put("features", unsupported("site-specific complexes: use extra, e.g. -larch=lx-amd64"));
        c.put("gpus", unsupported("site-specific complexes: use extra, e.g. -lgpu=1"));
        c.put("depends", adapter("-hold_jid a,b (afterok: checked by the wrapper)"));
        c.put("modules", muster("module load X"));
        c.put("runpath", muster("the wrapper changes to it (-wd is the job's directory)"));
        c.put("export", rendered("-V (ALL) / -v VARS (NONE: nothing)",
                (o, out) -> QsubExport.arguments(o.export()).forEach(out::line)));
        // a time of day alone is refused by SgeDialect.check: qsub -a needs a date
        c.put("begin", rendered("-a [[CC]YY]MMDDhhmm.SS (a date is needed: a time alone is refused)", (o, out) -> {
            if (o.begin().contains("T")) {
                out.line("-a " + QsubTime.of(o.begin()));
            }
        }));
        c.put("array", rendered("-t n[-m[:s]] [-tc N] (evenly spaced lists as a range: 1,3,5 is 1-5:2; other lists refused)", SgeOptions::array));
        c.put("mail", rendered("-M ADDR -m ae", (o, out) -> {
            out.line("-M " + o.mail());
            out.line("-m ae");
        }));
        c.put("requeue", rendered("-r y / -r n", (o, out) -> out.line(o.requeue() ? "-r y" : "-r n")));
        c.put("exclusive", unsupported("needs a site's exclusive complex: use extra, e.g. -lexclusive=true"));
        c.put("extra", rendered("as given, the value a word of its own (-lh_cpu=60: -l h_cpu=60)", (o, out) ->
                o.extra().forEach(item -> out.line(String.join(" ", SgeExtra.ARGUMENTS.words(item))))));
        // outfile, errfile, the refused fyrd keywords and the cleaning are Muster's, as on every backend
        io.muster.options.Keywords.musterColumn().forEach(c::putIfAbsent);
        return c;
    }

    /** The options as qsub arguments in catalogue order, with warnings for what Grid Engine cannot express. */
    public static Rendering.Rendered render(JobOptions options, String pe, SgeDialect.MemoryResource memory) {
        return new OptionColumn("Grid Engine", column(pe, memory)).render(options);
    }

    /** h_vmem and mem_free count per slot: a job's memory shared by its cores, rounded up. */
    static long perSlot(long memMb, int cores) {
        return (memMb + cores - 1) / cores;
    }

    private static void array(JobOptions o, Rendering.Output out) {
        Matcher m = RANGE.matcher(o.array());
        out.line("-t " + taskRange(o.array()));
        if (m.matches() && m.group(2) != null) {
            out.line("-tc " + m.group(2));
        } else if (o.array().contains("%")) {
            out.line("-tc " + o.array().substring(o.array().indexOf('%') + 1));
        }
    }

    /**
     * The array as Grid Engine's {@code -t n[-m[:s]]} (its {@code %N} goes to {@code -tc}): one
     * range as given, or a list whose indices are evenly spaced as the range they make
     * ({@code 1,3,5} is {@code 1-5:2}).
     *
     * @throws IllegalArgumentException for a list Grid Engine's single range cannot express, or an index 0
     */
    static String taskRange(String array) {
        List<Integer> indices = ArrayIndices.parse(array).indices();
        if (!indices.isEmpty() && indices.get(0) < 1) {
            throw new IllegalArgumentException("is " + array + ", whose task index 0 Grid Engine cannot run: it numbers"
                    + " an array's tasks from 1 (qsub -t refuses 0 as an invalid task id); start the range from 1");
        }
        Matcher m = RANGE.matcher(array.strip());
        if (m.matches()) {
            return m.group(1);
        }
        int step = indices.size() < 2 ? 1 : indices.get(1) - indices.get(0);
        for (int i = 1; i < indices.size(); i++) {
            if (indices.get(i) - indices.get(i - 1) != step) {
                throw new IllegalArgumentException("is " + array + ", which Grid Engine cannot run as one array:"
                        + " its -t takes one range n[-m[:s]] (evenly spaced indices, such as 1,3,5 as 1-5:2);"
                        + " submit one job per range");
            }
        }
        int first = indices.get(0);
        int last = indices.get(indices.size() - 1);
        return first == last ? String.valueOf(first) : first + "-" + last + (step == 1 ? "" : ":" + step);
    }
}
