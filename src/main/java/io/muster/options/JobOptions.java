package io.muster.options;

import io.muster.options.constraints.ArrayRange;
import io.muster.options.constraints.Flag;
import io.muster.options.constraints.InsideWorkRoot;
import io.muster.options.constraints.Memory;
import io.muster.options.constraints.PositiveInteger;
import io.muster.options.constraints.SchedulerArguments;
import io.muster.options.constraints.SchedulerToken;
import io.muster.options.constraints.SchedulerTokens;
import io.muster.options.constraints.StartTime;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's options after synonyms were resolved and profiles merged, as the user wrote the
 * values. Bean Validation checks the values through the constraints on the fields (declared
 * once, reported together); the accessors return them normalised and must only be called on
 * options that passed. A field's name is the option's canonical name (hence {@code clean_files}),
 * so a violation's property path names the option. Every catalogue keyword has its field here;
 * a test keeps the two in step.
 */
@SuppressWarnings("unused") // fields are read by the validator, by reflection
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
    private final Object account;
    @SchedulerToken
    private final Object qos;
    @SchedulerTokens
    private final Object features;
    @PositiveInteger
    private final Object gpus;
    @SchedulerTokens
    private final Object depends;
    @SchedulerTokens
    private final Object modules;
    @SchedulerToken
    private final Object runpath;
    @InsideWorkRoot
    private final Object outfile;
    @InsideWorkRoot
    private final Object errfile;
    @SchedulerToken
    private final Object export;
    @StartTime
    private final Object begin;
    @ArrayRange
    private final Object array;
    @SchedulerToken
    private final Object mail;
    @Flag
    private final Object requeue;
    @Flag
    private final Object exclusive;
    @SchedulerArguments
    private final Object extra;
    @InsideWorkRoot
    private final Object scriptpath;
    @InsideWorkRoot
    private final Object outpath;
    @SchedulerToken
    private final Object suffix;
    @Flag
    private final Object clean_files;
    @Flag
    private final Object clean_outputs;

    private final Map<String, Object> given;
    private final Set<String> defaulted;

    JobOptions(Map<String, ?> canonical) {
        this(canonical, Set.of());
    }

    JobOptions(Map<String, ?> canonical, Set<String> defaulted) {
        Map<String, Object> copy = new LinkedHashMap<>();
        canonical.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        this.given = Collections.unmodifiableMap(copy);
        this.defaulted = Set.copyOf(defaulted);
        this.name = given.get("name");
        this.cores = given.get("cores");
        this.nodes = given.get("nodes");
        this.mem = given.get("mem");
        this.time = given.get("time");
        this.partition = given.get("partition");
        this.account = given.get("account");
        this.qos = given.get("qos");
        this.features = given.get("features");
        this.gpus = given.get("gpus");
        this.depends = given.get("depends");
        this.modules = given.get("modules");
        this.runpath = given.get("runpath");
        this.outfile = given.get("outfile");
        this.errfile = given.get("errfile");
        this.export = given.get("export");
        this.begin = given.get("begin");
        this.array = given.get("array");
        this.mail = given.get("mail");
        this.requeue = given.get("requeue");
        this.exclusive = given.get("exclusive");
        this.extra = given.get("extra");
        this.scriptpath = given.get("scriptpath");
        this.outpath = given.get("outpath");
        this.suffix = given.get("suffix");
        this.clean_files = given.get("clean_files");
        this.clean_outputs = given.get("clean_outputs");
    }

    /** Rebuilds options from the normalised map kept in the job store. */
    public static JobOptions fromNormalised(Map<String, Object> normalised) {
        return new JobOptions(normalised);
    }

    /**
     * The options whose values come only from the DEFAULT profile or the built-in defaults: the
     * user gave no value and named no profile that sets one. Known at submission; options
     * rebuilt from the store ({@link #fromNormalised}) have none.
     */
    public Set<String> defaulted() {
        return defaulted;
    }

    /** These options without one of them (as if never given). */
    public JobOptions without(String option) {
        Map<String, Object> rest = new LinkedHashMap<>(given);
        rest.remove(option);
        Set<String> stillDefaulted = new java.util.HashSet<>(defaulted);
        stillDefaulted.remove(option);
        return new JobOptions(rest, stillDefaulted);
    }

    /** One option's normalised value by canonical name, or null when it was not given. */
    public Object value(String option) {
        Object raw = given.get(option);
        return raw == null ? null : Keywords.get(option).kind().normalise(raw);
    }

    public String name() {
        return string(name);
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
        return string(partition);
    }

    public String account() {
        return string(account);
    }

    public String qos() {
        return string(qos);
    }

    public List<String> features() {
        return features == null ? List.of() : Values.tokens(features);
    }

    /** GPUs, or null for none asked. */
    public Integer gpus() {
        return gpus == null ? null : Values.positiveInt(gpus);
    }

    public List<String> depends() {
        return depends == null ? List.of() : Values.list(depends);
    }

    public List<String> modules() {
        return modules == null ? List.of() : Values.tokens(modules);
    }

    public String runpath() {
        return string(runpath);
    }

    public String outfile() {
        return string(outfile);
    }

    public String errfile() {
        return string(errfile);
    }

    public String export() {
        return string(export);
    }

    /** {@code YYYY-MM-DDTHH:MM:SS} or {@code HH:MM:SS}, or null. */
    public String begin() {
        return begin == null ? null : Values.begin(begin);
    }

    public String array() {
        return array == null ? null : Values.arrayRange(array);
    }

    public String mail() {
        return string(mail);
    }

    /** True or false when given, null to leave it to the scheduler. */
    public Boolean requeue() {
        return requeue == null ? null : Values.bool(requeue);
    }

    public boolean exclusive() {
        return exclusive != null && Values.bool(exclusive);
    }

    public List<String> extra() {
        return extra == null ? List.of() : Values.schedulerArguments(extra);
    }

    public String scriptpath() {
        return string(scriptpath);
    }

    public String outpath() {
        return string(outpath);
    }

    public String suffix() {
        return string(suffix);
    }

    public boolean cleanFiles() {
        return clean_files != null && Values.bool(clean_files);
    }

    public boolean cleanOutputs() {
        return clean_outputs != null && Values.bool(clean_outputs);
    }

    /** Canonical names to normalised values (MB, HH:MM:SS, lists, booleans), only the options given, in catalogue order. */
    public Map<String, Object> normalised() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Keyword k : Keywords.all()) {
            Object v = value(k.name());
            if (v != null) {
                out.put(k.name(), v);
            }
        }
        return out;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    @Override
    public String toString() {
        return "JobOptions" + given;
    }
}
