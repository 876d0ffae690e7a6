package io.muster.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named set of option defaults.
 *
 * @param own       the profile's own values (built-in ones overridden by configured ones), normalised
 * @param effective what a job with this profile starts from: built-in defaults, then DEFAULT, then {@code own}
 * @param origin    where the profile comes from
 */
public record Profile(String name, Map<String, Object> own, Map<String, Object> effective, Origin origin) {

    public enum Origin {
        /** Shipped with Muster. */
        BUILT_IN,
        /** Written in muster.toml. */
        CONFIGURED,
        /** Shipped with Muster, with values changed in muster.toml. */
        BUILT_IN_AND_CONFIGURED
    }

    public Profile {
        own = Collections.unmodifiableMap(new LinkedHashMap<>(own));
        effective = Collections.unmodifiableMap(new LinkedHashMap<>(effective));
    }
}
