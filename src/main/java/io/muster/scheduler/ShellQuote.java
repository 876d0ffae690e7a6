package io.muster.scheduler;

/** Single-quotes a value for a line of a wrapper script (paths, never user commands). */
public final class ShellQuote {

    private ShellQuote() {
    }

    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
