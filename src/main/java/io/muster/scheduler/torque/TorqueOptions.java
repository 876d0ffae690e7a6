package io.muster.scheduler.torque;

import static io.muster.options.Directive.adapter;
import static io.muster.options.Directive.muster;
import static io.muster.options.Directive.rendered;

import io.muster.options.Directive;
import io.muster.options.JobOptions;
import io.muster.options.OptionColumn;
import io.muster.options.Rendering;
import io.muster.options.WallTime;
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
        c.put("runpath", rendered("-d DIR", (o, out) -> out.line("-d " + o.runpath())));
        c.put("outfile", rendered("-o FILE", (o, out) -> out.line("-o " + o.outfile())));
        c.put("errfile", rendered("-e FILE", (o, out) -> out.line("-e " + o.errfile())));
        c.put("export", rendered("-v VARS", (o, out) -> out.line("-v " + o.export())));
        c.put("begin", rendered("-a [[CC]YYMMDD]hhmm.SS", (o, out) -> out.line("-a " + QsubTime.of(o.begin()))));
        c.put("array", rendered("-t RANGE (no :step)", TorqueOptions::array));
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

    private static void array(JobOptions o, Rendering.Output out) {
        if (o.array().contains(":")) {
            out.warn("array=" + o.array() + ": Torque cannot step through an array range; the job is not an array");
        } else {
            out.line("-t " + o.array());
        }
    }
}
