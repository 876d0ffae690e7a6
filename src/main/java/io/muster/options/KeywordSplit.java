package io.muster.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of options split as fyrd's {@code split_keywords}: the catalogue's keywords under their
 * canonical names with normalised values, and everything else untouched.
 */
public record KeywordSplit(Map<String, Object> known, Map<String, Object> unknown) {
    public KeywordSplit {
        known = Collections.unmodifiableMap(new LinkedHashMap<>(known));
        unknown = Collections.unmodifiableMap(new LinkedHashMap<>(unknown));
    }
}
