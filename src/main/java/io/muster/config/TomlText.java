package io.muster.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text side of a TOML file: which line each table and key is on (for messages that name
 * the line), and edits that change one key or table and keep everything else, comments
 * included. Handles the layout Muster writes and documents: {@code [section]} or
 * {@code [profiles.NAME]} headers with {@code key = value} lines; the result of every edit is
 * parsed again by {@link ConfigFile} before it is saved, so a layout this does not understand
 * ends in an error, never in a damaged file.
 */
final class TomlText {

    private static final Pattern HEADER = Pattern.compile("^\\s*\\[(?!\\[)\\s*([^\\]]+?)\\s*]\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^\\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)\\s*=");

    private final List<String> lines;

    TomlText(String text) {
        this.lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
    }

    String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** "section" and "section.key" (1-based line numbers); top-level keys under "". */
    Map<String, Integer> index() {
        Map<String, Integer> out = new LinkedHashMap<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                section = normalise(h.group(1));
                out.putIfAbsent(section, i + 1);
                continue;
            }
            Matcher k = KEY.matcher(line);
            if (k.find()) {
                out.putIfAbsent(section.isEmpty() ? unquote(k.group(1)) : section + "." + unquote(k.group(1)), i + 1);
            }
        }
        return out;
    }

    boolean hasSection(String section) {
        return headerLine(section) >= 0;
    }

    /** Sets {@code key} in {@code [section]}, replacing its value or adding it; adds the section if missing. */
    void set(String section, String key, Object value) {
        String entry = key + " = " + format(value);
        int header = headerLine(section);
        if (header < 0) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.add("[" + section + "]");
            lines.add(entry);
            return;
        }
        int end = sectionEnd(header);
        int at = keyLine(header, end, key);
        if (at >= 0) {
            int last = valueEnd(at);
            for (int i = last; i > at; i--) {
                lines.remove(i);
            }
            lines.set(at, entry);
            return;
        }
        // beside its commented-out example if there is one (as in the shipped file), else after the last key
        Pattern example = Pattern.compile("^\\s*#\\s*" + Pattern.quote(key) + "\\s*=.*");
        int insert = header + 1;
        for (int i = header + 1; i < end; i++) {
            if (example.matcher(lines.get(i)).matches()) {
                insert = i + 1;
                break;
            }
            if (KEY.matcher(lines.get(i)).find()) {
                insert = valueEnd(i) + 1;
            }
        }
        lines.add(insert, entry);
    }

    /** Removes {@code key} from {@code [section]}; false if it was not there. */
    boolean remove(String section, String key) {
        int header = headerLine(section);
        if (header < 0) {
            return false;
        }
        int at = keyLine(header, sectionEnd(header), key);
        if (at < 0) {
            return false;
        }
        int last = valueEnd(at);
        for (int i = last; i >= at; i--) {
            lines.remove(i);
        }
        return true;
    }

    /**
     * Removes the table {@code [section]}: its header and everything up to its last key. Lines
     * after the last key stay, since comments there usually introduce the next table. False if absent.
     */
    boolean removeSection(String section) {
        int header = headerLine(section);
        if (header < 0) {
            return false;
        }
        int end = sectionEnd(header);
        int last = header;
        for (int i = header + 1; i < end; i++) {
            if (KEY.matcher(lines.get(i)).find()) {
                last = valueEnd(i);
                i = last;
            }
        }
        for (int i = last; i >= header; i--) {
            lines.remove(i);
        }
        if (header > 0 && lines.get(header - 1).isBlank() && (header == lines.size() || lines.get(header).isBlank())) {
            lines.remove(header - 1);
        }
        return true;
    }

    private int headerLine(String section) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher h = HEADER.matcher(lines.get(i));
            if (h.matches() && normalise(h.group(1)).equals(section)) {
                return i;
            }
        }
        return -1;
    }

    private int sectionEnd(int header) {
        for (int i = header + 1; i < lines.size(); i++) {
            if (HEADER.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return lines.size();
    }

    private int keyLine(int header, int end, String key) {
        for (int i = header + 1; i < end; i++) {
            Matcher k = KEY.matcher(lines.get(i));
            if (k.find() && unquote(k.group(1)).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The last line of the value that starts on line {@code at}: arrays and triple-quoted strings may span lines. */
    private int valueEnd(int at) {
        String first = lines.get(at);
        String value = first.substring(first.indexOf('=') + 1).trim();
        for (String quotes : new String[] {"\"\"\"", "'''"}) {
            if (value.startsWith(quotes)) {
                if (value.indexOf(quotes, 3) >= 0) {
                    return at;
                }
                for (int i = at + 1; i < lines.size(); i++) {
                    if (lines.get(i).contains(quotes)) {
                        return i;
                    }
                }
                return lines.size() - 1;
            }
        }
        int depth = 0;
        for (int i = at; i < lines.size(); i++) {
            depth += bracketDepth(i == at ? value : lines.get(i));
            if (depth <= 0) {
                return i;
            }
        }
        return lines.size() - 1;
    }

    private static int bracketDepth(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                break;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return depth;
    }

    private static String normalise(String header) {
        StringBuilder out = new StringBuilder();
        for (String part : header.split("\\.")) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(unquote(part.trim()));
        }
        return out.toString();
    }

    private static String unquote(String key) {
        if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }

    /** A value as TOML: numbers and booleans bare (so they read back typed), text in basic quotes, lists as arrays. */
    static String format(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            String s = value.toString();
            return s.contains(".") || s.contains("e") || s.contains("E") ? s : s + ".0";
        }
        if (value instanceof Collection<?> items) {
            List<String> parts = new ArrayList<>();
            items.forEach(item -> parts.add(format(item)));
            return "[" + String.join(", ", parts) + "]";
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
