package io.muster.options;

import io.muster.options.constraints.Memory;
import io.muster.options.constraints.PositiveInteger;
import io.muster.options.constraints.SchedulerToken;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's options after synonyms were resolved, as the user wrote the values. Bean Validation
 * checks the values through the constraints on the fields (declared once, reported together);
 * the accessors return them normalised. A field's name is the option's canonical name, so a
 * violation's property path names the option.
 */
public final class JobOptions {

    @SchedulerToken
    private final Object name;
    @PositiveInteger
    private final Object cores;
    @PositiveInteger
    private final Object nodes;
    @Memory
    private final Object mem;
    @io.muster.options.constraints.WallTime
    private final Object time;
    @SchedulerToken
    private final Object partition;
    @SchedulerToken
    private final Object depends;
    private final Object runpath;

    JobOptions(Map<String, Object> canonical) {
        this.name = canonical.get("name");
        this.cores = canonical.get("cores");
        this.nodes = canonical.get("nodes");
        this.mem = canonical.get("mem");
        this.time = canonical.get("time");
        this.partition = canonical.get("partition");
        this.depends = canonical.get("depends");
        this.runpath = canonical.get("runpath");
    }

    /** Rebuilds options from the normalised map kept in the job store. */
    public static JobOptions fromNormalised(Map<String, Object> normalised) {
        return new JobOptions(normalised);
    }

    public String name() {
        return name == null ? null : name.toString();
    }

    public int cores() {
        return cores == null ? 1 : Values.positiveInt(cores);
    }

    public int nodes() {
        return nodes == null ? 1 : Values.positiveInt(nodes);
    }

    /** Memory in MB, or null when the job did not ask for any. */
    public Long memMb() {
        return mem == null ? null : MemorySize.parseMb(mem);
    }

    /** The wall-clock limit, or null for none. */
    public Duration time() {
        return time == null ? null : WallTime.parse(time);
    }

    public String partition() {
        return partition == null ? null : partition.toString();
    }

    public List<String> depends() {
        return depends == null ? List.of() : Values.list(depends);
    }

    public String runpath() {
        return runpath == null ? null : runpath.toString();
    }

    /** Canonical names to normalised values (MB, HH:MM:SS, lists), only the options given. */
    public Map<String, Object> normalised() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (name != null) out.put("name", name());
        if (cores != null) out.put("cores", cores());
        if (nodes != null) out.put("nodes", nodes());
        if (mem != null) out.put("mem", memMb());
        if (time != null) out.put("time", WallTime.format(time()));
        if (partition != null) out.put("partition", partition());
        if (depends != null) out.put("depends", depends());
        if (runpath != null) out.put("runpath", runpath());
        return out;
    }
}
