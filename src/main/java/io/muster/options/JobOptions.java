package io.muster.options;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's options after synonyms were resolved and profiles merged, as the user wrote the
 * values. Bean Validation checks every value by its keyword's kind ({@link OptionValues}, all
 * reported together, each on the option's canonical name); the accessors return them normalised
 * and must only be called on options that passed.
 */
@OptionValues
public final class JobOptions {

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

    /** One option's value as given, by canonical name, or null when it was not given. */
    public Object raw(String option) {
        return given.get(option);
    }

    /** One option's normalised value by canonical name, or null when it was not given. */
    public Object value(String option) {
        Object raw = given.get(option);
        return raw == null ? null : Keywords.get(option).kind().normalise(raw);
    }

    public String name() {
        return string(raw("name"));
    }

    public int cores() {
        return raw("cores") == null ? 1 : Values.positiveInt(raw("cores"));
    }

    public int nodes() {
        return raw("nodes") == null ? 1 : Values.positiveInt(raw("nodes"));
    }

    /** Memory in MB, or null when the job did not ask for any. */
    public Long memMb() {
        return raw("mem") == null ? null : MemorySize.parseMb(raw("mem"));
    }

    /** The wall-clock limit, or null for none. */
    public Duration time() {
        return raw("time") == null ? null : WallTime.parse(raw("time"));
    }

    public String partition() {
        return string(raw("partition"));
    }

    public String account() {
        return string(raw("account"));
    }

    public String qos() {
        return string(raw("qos"));
    }

    public List<String> features() {
        return raw("features") == null ? List.of() : Values.tokens(raw("features"));
    }

    /** GPUs, or null for none asked. */
    public Integer gpus() {
        return raw("gpus") == null ? null : Values.positiveInt(raw("gpus"));
    }

    public List<String> depends() {
        return raw("depends") == null ? List.of() : Values.list(raw("depends"));
    }

    public List<String> modules() {
        return raw("modules") == null ? List.of() : Values.tokens(raw("modules"));
    }

    public String runpath() {
        return string(raw("runpath"));
    }

    public String outfile() {
        return string(raw("outfile"));
    }

    public String errfile() {
        return string(raw("errfile"));
    }

    public String export() {
        return string(raw("export"));
    }

    /** {@code YYYY-MM-DDTHH:MM:SS} or {@code HH:MM:SS}, or null. */
    public String begin() {
        return raw("begin") == null ? null : Values.begin(raw("begin"));
    }

    public String array() {
        return raw("array") == null ? null : Values.arrayRange(raw("array"));
    }

    public String mail() {
        return string(raw("mail"));
    }

    /** True or false when given, null to leave it to the scheduler. */
    public Boolean requeue() {
        return raw("requeue") == null ? null : Values.bool(raw("requeue"));
    }

    public boolean exclusive() {
        return raw("exclusive") != null && Values.bool(raw("exclusive"));
    }

    public List<String> extra() {
        return raw("extra") == null ? List.of() : Values.schedulerArguments(raw("extra"));
    }

    public String scriptpath() {
        return string(raw("scriptpath"));
    }

    public String outpath() {
        return string(raw("outpath"));
    }

    public String suffix() {
        return string(raw("suffix"));
    }

    public boolean cleanFiles() {
        return raw("clean_files") != null && Values.bool(raw("clean_files"));
    }

    public boolean cleanOutputs() {
        return raw("clean_outputs") != null && Values.bool(raw("clean_outputs"));
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
