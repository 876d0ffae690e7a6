package io.muster.scheduler.torque;

import static io.muster.options.Directive.adapter;
import static io.muster.options.Directive.muster;
import static io.muster.options.Directive.rendered;

import io.muster.options.Directive;
import io.muster.options.JobOptions;
import io.muster.options.OptionColumn;
import io.muster.options.Rendering;
import io.muster.options.WallTime;
import io.muster.scheduler.QsubExport;
import io.muster.scheduler.QsubTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Torque/PBS writes every option of the catalogue: qsub options with their value
 * ({@code -l mem=2000MB}), which {@link TorqueDialect} writes as {@code #PBS} lines. This is
 * Torque's column of the catalogue ({@code muster keywords}); a keyword missing here is a bug a
 * test catches. {@code cores}, {@code nodes}, {@code features} and {@code qos} share one
 * {@code -l nodes=} line, so all four render that same line (kept once).
 */
public final class TorqueOptions {

    /** How this backend writes every keyword. */
    public static final OptionColumn COLUMN = new OptionColumn(TorqueBackend.TITLE, build());

    private TorqueOptions() {
    }

    private static Map<String, Directive> build() {
        Directive nodesLine = rendered("-l nodes=N:ppn=C[:feature...][,qos=Q]", TorqueOptions::nodesLine);
        Map<String, Directive> c = new LinkedHashMap<>();
        c.put("name", adapter("-N NAME"));
        c.put("cores", nodesLine);
        c.put("nodes", nodesLine);
        c.put("mem", rendered("-l mem=NMB", (o, out) -> out.line("-l mem=" + o.memMb() + "MB")));
        c.put("time", rendered("-l walltime=HH:MM:SS",
                (o, out) -> out.line("-l walltime=" + WallTime.format(o.time()))));
        c.put("partition", rendered("-q P", (o, out) -> out.line("-q " + o.partition())));
        c.put("account", rendered("-A A", (o, out) -> out.line("-A " + o.account())));
        c.put("qos", nodesLine);
        c.put("features", nodesLine);
        c.put("gpus", rendered("-l ngpus=G", (o, out) -> out.line("-l ngpus=" + o.gpus())));
        c.put("depends", adapter("-W depend=afterok:a:b"));
        c.put("modules", muster("module load X"));
        c.put("runpath", muster("the wrapper changes to it (no -d: Slurm's PBS layer refuses it)"));
        c.put("export", rendered("-V (ALL) / -v VARS (NONE: nothing)",
                (o, out) -> QsubExport.arguments(o.export()).forEach(out::line)));
        c.put("begin", rendered("-a [[CC]YYMMDD]hhmm.SS", (o, out) -> out.line("-a " + QsubTime.of(o.begin()))));
        c.put("array", rendered("-t RANGE (a :step as its index list: 0-4:2 is -t 0,2,4)",
                (o, out) -> out.line("-t " + arrayRequest(o.array()))));
        c.put("mail", rendered("-M ADDR -m ae", (o, out) -> {
            out.line("-M " + o.mail());
            out.line("-m ae");
        }));
        c.put("requeue", rendered("-r y / -r n", (o, out) -> out.line(o.requeue() ? "-r y" : "-r n")));
        c.put("exclusive", rendered("-n", (o, out) -> {
            if (o.exclusive()) {
                out.line("-n");
            }
        }));
        c.put("extra", rendered("as given", (o, out) -> o.extra().forEach(out::line)));
        return c;
    }


    private static void nodesLine(JobOptions o, Rendering.Output out) {
        StringBuilder line = new StringBuilder("-l nodes=").append(o.nodes()).append(":ppn=").append(o.cores());
        o.features().forEach(f -> line.append(':').append(f));
        if (o.qos() != null) {
            line.append(",qos=").append(o.qos());
        }
        out.line(line.toString());
    }

    /** The longest {@code -t} value Muster writes: a step is written out index by index, which can grow long. */
    static final int MAX_ARRAY_REQUEST = 4000;

    /**
     * The array as Torque's {@code qsub -t} takes it: ids and ranges in a comma list, an optional
     * {@code %limit} last. Torque has no step, so a stepped range is written as its indices
     * ({@code 0-4:2} is {@code 0,2,4}); everything else is kept as given.
     *
     * @throws IllegalArgumentException if the written-out list is past {@value #MAX_ARRAY_REQUEST} characters
     */
    static String arrayRequest(String array) {
        String text = array.strip();
        String limit = "";
        int percent = text.indexOf('%');
        if (percent >= 0) {
            limit = text.substring(percent);
            text = text.substring(0, percent);
        }
        StringBuilder out = new StringBuilder();
        for (String part : text.split(",")) {
            if (out.length() > 0) {
                out.append(',');
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                out.append(part);
            } else {
                String span = part.substring(0, colon);
                long step = Long.parseLong(part.substring(colon + 1));
                int dash = span.indexOf('-');
                long from = Long.parseLong(dash < 0 ? span : span.substring(0, dash));
                long to = dash < 0 ? from : Long.parseLong(span.substring(dash + 1));
                for (long i = from; i <= to && out.length() <= MAX_ARRAY_REQUEST; i += step) {
                    out.append(i).append(i + step <= to ? "," : "");
                }
            }
            if (out.length() > MAX_ARRAY_REQUEST) {
                throw new IllegalArgumentException("is " + array + ", whose step Torque cannot express: written out"
                        + " index by index it is longer than " + MAX_ARRAY_REQUEST + " characters; use fewer"
                        + " indices or a range without a step");
            }
        }
        return out.append(limit).toString();
    }
}
