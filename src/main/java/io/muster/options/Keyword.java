package io.muster.options;

import java.util.List;

/**
 * One entry of the option catalogue: the canonical name users see in help and events, the
 * synonyms fyrd accepted, the kind of value, and a line of help.
 */
public record Keyword(String name, List<String> synonyms, Kind kind, String help) {

    public enum Kind { INTEGER, MEMORY, TIME, TOKEN, TOKEN_LIST, STRING, BOOLEAN, PATH }

    public Keyword {
        synonyms = List.copyOf(synonyms);
    }
}
