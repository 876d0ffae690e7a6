package io.muster.options;

/**
 * How one backend expresses one keyword: what the catalogue shows ({@code form}), who handles
 * it, and (for {@link Handling#SCHEDULER}) the pure function that writes it.
 */
public record Directive(Handling handling, String form, Renderer renderer) {

    public enum Handling {
        /** The backend expresses it: {@link #renderer} writes its arguments (or, for the local pool, notes). */
        SCHEDULER,
        /** Muster does it the same on every backend (job script, file cleaning); nothing in the header. */
        MUSTER,
        /** The scheduler adapter writes it from facts only it has (translated dependency ids, the job's name). */
        ADAPTER,
        /** The backend cannot express it: a job that sets it gets a warning, and runs without it. */
        UNSUPPORTED
    }

    /** Writes a keyword's arguments for a backend; pure, reads only the options. */
    @FunctionalInterface
    public interface Renderer {
        void render(JobOptions options, Rendering.Output out);
    }

    public static Directive rendered(String form, Renderer renderer) {
        return new Directive(Handling.SCHEDULER, form, renderer);
    }

    public static Directive muster(String form) {
        return new Directive(Handling.MUSTER, form, (o, out) -> { });
    }

    public static Directive adapter(String form) {
        return new Directive(Handling.ADAPTER, form, (o, out) -> { });
    }

    public static Directive unsupported(String form) {
        return new Directive(Handling.UNSUPPORTED, form, (o, out) -> { });
    }
}
