package io.muster.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code muster.toml} on disk, for reading with line numbers and for the edits of
 * {@code muster conf} and {@code muster profile}. Edits keep comments and layout; {@link #save}
 * refuses to write a file that {@link ConfigLoader} would not load.
 */
public final class ConfigFile {

    private static final TomlMapper TOML = new TomlMapper();

    private final Path path;
    private final boolean existed;
    private TomlText text;

    private ConfigFile(Path path, boolean existed, String content) {
        this.path = path;
        this.existed = existed;
        this.text = new TomlText(content);
    }

    /** The file at {@code path}, or an empty one to be created there by {@link #save}. */
    public static ConfigFile open(Path path) {
        try {
            boolean exists = Files.exists(path);
            return new ConfigFile(path, exists, exists ? Files.readString(path) : "");
        } catch (IOException e) {
            throw new ConfigException(path, 0, "cannot read: " + e.getMessage());
        }
    }

    /** A file with this text, not read from disk (for tests and {@code conf init}). */
    public static ConfigFile of(Path path, String content) {
        return new ConfigFile(path, false, content);
    }

    public Path path() {
        return path;
    }

    public boolean existed() {
        return existed;
    }

    public String text() {
        return text.text();
    }

    /**
     * The parsed document.
     *
     * @throws ConfigException with the file, the line and TOML's reason when it is not valid TOML
     */
    public JsonNode tree() {
        String content = text.text();
        if (content.isBlank()) {
            return TOML.createObjectNode();
        }
        try {
            JsonNode tree = TOML.readTree(content);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(path, line, "not valid TOML: " + e.getOriginalMessage());
        }
    }

    /** The line of a table ("broker") or key ("broker.port"), 0 if it is not written in the file. */
    public int lineOf(String id) {
        return text.index().getOrDefault(id, 0);
    }

    Map<String, Integer> lines() {
        return text.index();
    }

    /** A value as TOML typed it (Integer, Long, Boolean, Double, String, List), or null if absent. */
    public Object value(String section, String key) {
        return java(tree().path(section).path(key));
    }

    public boolean hasSection(String section) {
        return text.hasSection(section);
    }

    public void set(String section, String key, Object value) {
        text.set(section, key, value);
    }

    public boolean remove(String section, String key) {
        return text.remove(section, key);
    }

    public boolean removeSection(String section) {
        return text.removeSection(section);
    }

    /** Replaces the whole text (for {@code conf init}). */
    public void replace(String content) {
        text = new TomlText(content);
    }

    /**
     * Writes the file (creating its directory), after checking that {@link ConfigLoader} loads
     * it; the write replaces the old file in one step, so a crash leaves the old or the new one.
     *
     * @throws ConfigException when the edited text would not load
     */
    public void save() {
        ConfigLoader.check(this);
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".muster", ".toml");
            Files.writeString(tmp, text.text());
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** A value as TOML writes it: numbers and booleans bare, text quoted, lists as arrays. */
    public static String format(Object value) {
        return TomlText.format(value);
    }

    /** TOML's value as plain Java: Integer or Long, Boolean, Double, String, List, Map. */
    static Object java(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(java(item)));
            return items;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), java(e.getValue())));
            return map;
        }
        return node.asText();
    }
}
