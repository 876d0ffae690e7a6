package io.muster.scheduler;

import io.muster.options.Directive;
import io.muster.options.Keyword;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One kind of cluster scheduler Muster can drive, as the registry of backends lists it: its name,
 * how it writes every option, the settings of its own, and how it is detected. A new scheduler is
 * a package with a {@link GridDialect} and one of these, plus one line in the registry
 * ({@code io.muster.backends.Backends}); the catalogue's column ({@code muster keywords}), the
 * backend names submissions accept, the settings ({@code <name>.enabled}, {@code <name>.bin_dir},
 * ...) and {@code backend: auto} all come from there.
 */
public interface GridBackend {

    /** The name users write in {@code backend} and in settings: slurm, torque, sge. */
    String name();

    /** The name people know it by, for tables and messages: Slurm, Torque/PBS, Grid Engine. */
    String title();

    /**
     * Settings of this backend besides those every grid backend has: key ({@code pe}) to its
     * default and a line of help. Read from {@code [name]} in muster.toml and
     * {@code MUSTER_<NAME>_<KEY>}, and handed to {@link #dialect} and {@link #form} as text.
     */
    default Map<String, Setting> ownSettings() {
        return Map.of();
    }

    /** An own setting: its default value (as text) and a line of help. */
    record Setting(String defaultValue, String help) {
    }

    /**
     * The dialect for a server whose own settings have these values (every key of
     * {@link #ownSettings}, defaults filled in).
     *
     * @throws IllegalArgumentException naming the setting whose value is wrong
     */
    GridDialect dialect(Map<String, String> own);

    /** How this backend writes {@code keyword} (or why it cannot), with these own settings. */
    Directive form(Keyword keyword, Map<String, String> own);

    /**
     * For {@code auto}: false when the environment shows this scheduler cannot be here (Grid
     * Engine's clients need {@code SGE_ROOT}); true leaves it to the ping command.
     */
    default boolean plausible(Map<String, String> environment) {
        return true;
    }

    /** The own settings' defaults, for the catalogue and for a server that sets none. */
    default Map<String, String> defaults() {
        Map<String, String> out = new LinkedHashMap<>();
        ownSettings().forEach((k, s) -> out.put(k, s.defaultValue()));
        return out;
    }
}
