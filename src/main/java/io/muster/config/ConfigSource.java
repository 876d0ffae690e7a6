package io.muster.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a configuration came from: the file (null when none was read), the line of each table
 * and key in it, and for each setting whether its value is the default, from the file, or from
 * an environment variable (for {@code muster conf show} and for messages about profiles).
 */
public record ConfigSource(Path file, Map<String, Integer> lines, Map<String, String> origins) {

    public static final ConfigSource NONE = new ConfigSource(null, Map.of(), Map.of());

    public ConfigSource {
        lines = Map.copyOf(lines);
        origins = Map.copyOf(origins);
    }

    /** The line of a table or key ("profiles.large", "profiles.large.mem"), 0 if unknown. */
    public int lineOf(String id) {
        return lines.getOrDefault(id, 0);
    }

    /** "default", "file" or "env NAME". */
    public String origin(String settingId) {
        return origins.getOrDefault(settingId, "default");
    }
}
