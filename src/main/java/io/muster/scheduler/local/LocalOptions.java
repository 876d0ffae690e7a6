package io.muster.scheduler.local;

import static io.muster.options.Directive.adapter;
import static io.muster.options.Directive.muster;
import static io.muster.options.Directive.rendered;
import static io.muster.options.Directive.unsupported;

import io.muster.options.Directive;
import io.muster.options.OptionColumn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local pool does with every option of the catalogue: nothing to write, since it runs
 * the job itself; what it honours, and what it ignores (which the catalogue warns about). This is
 * the local pool's column of the catalogue ({@code muster keywords}).
 */
public final class LocalOptions {

    public static final String TITLE = "the local pool";

    /** How this backend writes every keyword. */
    public static final OptionColumn COLUMN = new OptionColumn(TITLE, build());

    private LocalOptions() {
    }

    private static Map<String, Directive> build() {
        Map<String, Directive> c = new LinkedHashMap<>();
        c.put("name", local("recorded"));
        c.put("cores", local("reserved from the pool"));
        // the pool refuses nodes > 1 when it checks the job (LocalScheduler.check)
        c.put("nodes", local("one machine: more than 1 is refused"));
        c.put("mem", local("reserved from the pool's memory"));
        c.put("time", local("enforced (TIMEOUT past it); the backfill estimate"));
        c.put("partition", unsupported("ignored"));
        c.put("account", unsupported("ignored"));
        c.put("qos", unsupported("ignored"));
        c.put("features", unsupported("ignored"));
        c.put("gpus", unsupported("ignored"));
        c.put("depends", adapter("waits for them"));
        c.put("modules", muster("module load X"));
        c.put("runpath", local("the command runs there"));
        c.put("export", unsupported("ignored: the job inherits the server's environment"));
        // refused by the pool when it checks the job (PoolAccount.check): it would start at once
        c.put("begin", local("refused: the pool starts a job once its cores are free"));
        c.put("array", local("each task in turn, in the job's cores"));
        c.put("mail", unsupported("ignored"));
        c.put("requeue", local("servers sharing a database: a job whose host's server died starts over on another's pool"));
        c.put("exclusive", unsupported("ignored"));
        c.put("extra", unsupported("ignored"));
        return c;
    }

    /** The local pool honours it: nothing to write, nothing to warn about. */
    private static Directive local(String note) {
        return rendered(note, (o, out) -> { });
    }
}
