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
final class SchemaFields {

    private SchemaFields() {
    }

    /** The names under {@code properties} of the schema at {@code resource}, in the schema's order. */
    static Set<String> of(String resource) {
        try (InputStream in = SchemaFields.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + resource + " on the class path");
            }
            JsonNode properties = new ObjectMapper().readTree(in).path("properties");
            Set<String> names = new LinkedHashSet<>();
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            if (names.isEmpty()) {
                throw new IllegalStateException("the schema " + resource + " has no properties");
            }
            return Set.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + resource, e);
        }
    }
}
