package io.muster.backends;

import io.muster.config.BackendSections;
import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.options.Directive;
import io.muster.options.JobOptions;
import io.muster.options.Keyword;
import io.muster.options.Rendering;
import io.muster.scheduler.GridBackend;
import io.muster.scheduler.local.LocalOptions;
import io.muster.scheduler.sge.SgeBackend;
import io.muster.scheduler.slurm.SlurmBackend;
import io.muster.scheduler.torque.TorqueBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registry of backends: the local pool, then every cluster scheduler, ONE line each. The
 * order is the preference of {@code backend: auto} where several answer. Read by the server
 * (which to start, detection), submissions (the names accepted), the configuration (the
 * {@code [name]} sections and their keys) and {@code muster keywords} (one column each).
 */
public final class Backends {

    public static final String LOCAL = "local";
    public static final String AUTO = "auto";

    /** The cluster schedulers. A new one: its package, and a line here. */
    private static final List<GridBackend> GRIDS = List.of(
            new SlurmBackend(),
            new TorqueBackend(),
            new SgeBackend());


    private Backends() {
    }

    /** The registry's sections for muster.toml: {@code [slurm]}, {@code [sge]}, ... with their keys. */
    public static final class Sections implements BackendSections {
        @Override
        public Map<String, List<String>> sections() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (GridBackend grid : GRIDS) {
                List<String> keys = new ArrayList<>(List.of("enabled", "bin_dir"));
                keys.addAll(grid.ownSettings().keySet());
                out.put(grid.name(), List.copyOf(keys));
            }
            return out;
        }

        @Override
        public Map<String, Map<String, String>> defaults() {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            for (GridBackend grid : GRIDS) {
                Map<String, String> keys = new LinkedHashMap<>();
                keys.put("enabled", "auto");
                keys.putAll(grid.defaults());
                out.put(grid.name(), keys);
            }
            return out;
        }

        @Override
        public void check(String backend, String key, String value) {
            GridBackend grid = grid(backend).orElseThrow(() -> new IllegalArgumentException("is of no backend"));
            switch (key) {
                case "enabled" -> GridSettings.mode(value);
                case "bin_dir" -> GridSettings.binDir(value);
                default -> {
                    Map<String, String> own = new LinkedHashMap<>(grid.defaults());
                    own.put(key, value.trim());
                    try {
                        grid.dialect(own);
                    } catch (IllegalArgumentException e) {
                        // the backend names the setting itself ("setting sge.pe must be ..."): the caller does
                        String prefix = "setting " + backend + "." + key + " ";
                        String m = e.getMessage();
                        throw new IllegalArgumentException(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
                    }
                }
            }
        }
    }

    public static List<GridBackend> grids() {
        return GRIDS;
    }

    public static Optional<GridBackend> grid(String name) {
        return GRIDS.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** Every backend name a submission may give: local and the grids (auto aside). */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        out.add(LOCAL);
        GRIDS.forEach(b -> out.add(b.name()));
        return out;
    }

    /** What a table calls the backend: local pool, Slurm, Grid Engine. */
    public static String title(String name) {
        return name.equals(LOCAL) ? "local pool" : grid(name).map(GridBackend::title).orElse(name);
    }

    /** The backend's column of the catalogue, with its own settings at their defaults. */
    public static Function<Keyword, Directive> column(String name) {
        if (name.equals(LOCAL)) {
            return LocalOptions.COLUMN::form;
        }
        GridBackend grid = grid(name).orElseThrow(() -> new IllegalArgumentException("no backend named '" + name
                + "'; the backends are " + String.join(", ", names())));
        Map<String, String> defaults = grid.defaults();
        return k -> grid.form(k, defaults);
    }

    /** What this backend cannot express of the options, one sentence each (empty for an unknown backend). */
    public static List<String> warnings(String name, JobOptions options) {
        if (!names().contains(name)) {
            return List.of();
        }
        return Rendering.render(name.equals(LOCAL) ? LocalOptions.TITLE : title(name), column(name), options).warnings();
    }

    /** A grid backend's own settings in this configuration, defaults filled in. */
    public static Map<String, String> own(GridBackend grid, MusterConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        grid.ownSettings().forEach((key, s) -> out.put(key, config.grids().own(grid.name(), key, s.defaultValue())));
        return out;
    }
}
