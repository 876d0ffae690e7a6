package io.muster.options;

/**
 * One reason a submission was refused: which option, the value as the user wrote it, and why.
 * A rejected submission carries every violation found, never just the first.
 */
public record Violation(String option, String value, String message) {

    @Override
    public String toString() {
        return option + "=" + value + ": " + message;
    }
}
