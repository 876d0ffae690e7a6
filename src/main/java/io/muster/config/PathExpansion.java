package io.muster.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Paths in settings as a shell would read them: a leading {@code ~} is the home directory, {@code $VAR} and {@code ${VAR}} are environment variables. */
public final class PathExpansion {

    private static final Pattern VAR = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    private PathExpansion() {
    }

    /** @throws IllegalArgumentException naming a variable that is not set */
    public static Path expand(String text, Map<String, String> env) {
        String s = text.trim();
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (s.equals("~")) {
            s = home;
        } else if (s.startsWith("~/")) {
            s = home + s.substring(1);
        }
        Matcher m = VAR.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = env.get(name);
            if (value == null) {
                throw new IllegalArgumentException("uses $" + name + ", which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return Path.of(out.toString()).toAbsolutePath().normalize();
    }
}
