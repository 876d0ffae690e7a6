package io.muster.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The top-level fields a message may have, read from its JSON Schema on the class path: the
 * schema is where a message's shape is written, and the server's checks take it from there.
 */
public final class SchemaFields {

    private SchemaFields() {
    }

    /** The names under {@code properties} of the schema at {@code resource}, in the schema's order. */
    public static Set<String> of(String resource) {
        return names(read(resource).path("properties"), resource);
    }

    /** The properties of the schema's {@code oneOf} branch that requires {@code field} (a flow start: "flow"). */
    public static Set<String> ofVariant(String resource, String field) {
        for (JsonNode branch : read(resource).path("oneOf")) {
            for (JsonNode required : branch.path("required")) {
                if (required.asText().equals(field)) {
                    return names(branch.path("properties"), resource + " (the variant with " + field + ")");
                }
            }
        }
        throw new IllegalStateException("the schema " + resource + " has no variant that requires " + field);
    }

    /** The properties of the schema's {@code $defs/NAME} (a control request's filter: "filter"). */
    public static Set<String> ofDefinition(String resource, String name) {
        return names(read(resource).path("$defs").path(name).path("properties"), resource + " ($defs/" + name + ")");
    }

    private static JsonNode read(String resource) {
        try (InputStream in = SchemaFields.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + resource + " on the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + resource, e);
        }
    }

    private static Set<String> names(JsonNode properties, String where) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("the schema " + where + " has no properties");
        }
        return Set.copyOf(names);
    }
}
