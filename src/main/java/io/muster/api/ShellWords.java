package io.muster.api;

/**
 * Shell words: how a path or an argument goes into a command line or a script line so that the
 * shell reads it back as it was. Client and server quote the one way.
 */
public final class ShellWords {

    private static final java.util.regex.Pattern BARE = java.util.regex.Pattern.compile("[A-Za-z0-9_./=:@%+,-]+");

    private ShellWords() {
    }

    /** Single quotes, always: {@code it's} becomes {@code 'it'\''s'}. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** The word as it is when no character of it means anything to the shell, else {@link #quote quoted}. */
    public static String word(String value) {
        return BARE.matcher(value).matches() ? value : quote(value);
    }
}
