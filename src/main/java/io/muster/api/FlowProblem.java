package io.muster.api;

/**
 * One reason a flow is refused: the file, the line (0 when unknown) and why.
 * {@code toString} reads like a compiler message: {@code chain.xml:12: unknown property 'cors' …}.
 */
public record FlowProblem(String file, int line, String reason) {

    @Override
    public String toString() {
        return file == null ? reason : file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
