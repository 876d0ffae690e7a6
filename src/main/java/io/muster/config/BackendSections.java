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
}
