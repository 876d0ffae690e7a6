package io.muster.scheduler.slurm;

import io.muster.options.Directive;
import io.muster.options.Keyword;
import io.muster.options.Rendering;
import io.muster.scheduler.GridBackend;
import io.muster.scheduler.GridDialect;
import java.util.Map;

/** Slurm in the registry of backends: {@link SlurmDialect}, and its option forms ({@link SlurmOptions}). */
public final class SlurmBackend implements GridBackend {

    @Override
    public String name() {
        return "slurm";
    }

    static final String TITLE = "Slurm";

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public GridDialect dialect(Map<String, String> own) {
        return new SlurmDialect();
    }

    @Override
    public Directive form(Keyword keyword, Map<String, String> own) {
        return Rendering.form(TITLE, SlurmOptions.column(), keyword);
    }
}
