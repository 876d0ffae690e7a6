package io.muster.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of the cluster backends, for whichever backends the registry lists: the
 * configuration does not know their names. Values come from a {@code [NAME]} section of
 * muster.toml ({@code enabled}, {@code bin_dir}, and keys of the backend's own such as
 * {@code pe}) and from {@code MUSTER_NAME}, {@code MUSTER_NAME_BIN_DIR}, {@code MUSTER_NAME_KEY}
 * in the environment, which win. Which sections and keys there are is the registry's
 * ({@link BackendSections}); the loader refuses others.
 *
 * <p>A configuration built in code runs no cluster backend unless given its settings
 * ({@link #with}); one loaded from the environment runs each in {@code auto} mode by default.
 */
public final class Grids {

    /** The keys every backend's section may hold, to the environment variable suffix they stand for. */
    public static final Map<String, String> COMMON_KEYS = Map.of("enabled", "", "bin_dir", "_BIN_DIR");

    private final Map<String, GridSettings> explicit;
    /** MUSTER_* variables, the file's backend sections written as such (the environment's win). */
    private final Map<String, String> values;
    private final boolean loaded;

    private Grids(Map<String, GridSettings> explicit, Map<String, String> values, boolean loaded) {
        this.explicit = Map.copyOf(explicit);
        this.values = Map.copyOf(values);
        this.loaded = loaded;
    }

    /** No cluster backend, unless set with {@link #with}. */
    public static Grids none() {
        return new Grids(Map.of(), Map.of(), false);
    }

    /**
     * @param fileSections the file's sections that are no core section: name to key to value (as text)
     * @param environment  this process's environment (only MUSTER_* is kept)
     */
    static Grids load(Map<String, Map<String, String>> fileSections, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        fileSections.forEach((name, keys) -> keys.forEach((key, value) -> values.put(variable(name, key), value)));
        environment.forEach((k, v) -> {
            if (k.startsWith("MUSTER_") && v != null && !v.isBlank()) {
                values.put(k, v);
            }
        });
        return new Grids(Map.of(), values, true);
    }

    /** {@code MUSTER_SGE} for enabled, {@code MUSTER_SGE_BIN_DIR}, {@code MUSTER_SGE_PE}. */
    public static String variable(String backend, String key) {
        String base = "MUSTER_" + backend.toUpperCase(Locale.ROOT);
        String suffix = COMMON_KEYS.get(key);
        return suffix != null ? base + suffix : base + "_" + key.toUpperCase(Locale.ROOT);
    }

    /** The settings of backend {@code name}: as set in code, else as loaded, else off. */
    public GridSettings get(String name) {
        GridSettings set = explicit.get(name);
        if (set != null) {
            return set;
        }
        if (!loaded) {
            return GridSettings.defaults(name).withMode(GridSettings.Mode.OFF);
        }
        return GridSettings.fromEnvironment(values, name);
    }

    /** The value of one of the backend's own settings ({@code sge.pe}), or {@code fallback}. */
    public String own(String name, String key, String fallback) {
        String value = values.get(variable(name, key));
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public Grids with(GridSettings settings) {
        Map<String, GridSettings> copy = new LinkedHashMap<>(explicit);
        copy.put(settings.backend(), settings);
        return new Grids(copy, values, loaded);
    }
}
