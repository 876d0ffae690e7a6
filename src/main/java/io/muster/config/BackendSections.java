package io.muster.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code [NAME]} sections the cluster backends have in muster.toml, and their keys. The
 * configuration knows no backend by name: the registry of backends provides this
 * ({@code META-INF/services/io.muster.config.BackendSections}), so a new backend's section and
 * settings come with its registry line.
 */
public interface BackendSections {

    /** Backend name to the keys its section may hold ({@code enabled}, {@code bin_dir}, and its own), in order. */
    Map<String, List<String>> sections();

    /**
     * Backend name to each key's default, as text ({@code enabled}: {@code auto}); a key without
     * one ({@code bin_dir}: the commands are found on the PATH) is left out.
     */
    default Map<String, Map<String, String>> defaults() {
        return Map.of();
    }

    /**
     * Checks one value of a backend's section, as the file or the environment gives it.
     *
     * @throws IllegalArgumentException saying what is wrong and what it was, without the setting's name
     */
    default void check(String backend, String key, String value) {
    }
}
