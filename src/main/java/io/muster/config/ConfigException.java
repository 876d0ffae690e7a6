package io.muster.config;

import java.nio.file.Path;

/**
 * A setting Muster cannot start with: where it came from (file and line, or environment
 * variable) and why. The message reads {@code FILE:LINE: reason}, as a compiler's does, so an
 * editor can jump to it.
 */
public class ConfigException extends IllegalArgumentException {

    private final Path file;
    private final int line;
    private final String reason;

    /** @param line 1-based, or 0 when the problem has no line (a missing file, a bad environment variable) */
    public ConfigException(Path file, int line, String reason) {
        super(format(file, line, reason));
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public ConfigException(String reason) {
        this(null, 0, reason);
    }

    private static String format(Path file, int line, String reason) {
        if (file == null) {
            return reason;
        }
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
