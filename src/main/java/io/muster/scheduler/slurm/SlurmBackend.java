package io.muster.scheduler.slurm;

import io.muster.scheduler.GridDialect;
import io.muster.scheduler.PlainGridBackend;
import java.util.Map;

/** Slurm in the registry of backends: {@link SlurmDialect}, and its option forms ({@link SlurmOptions}). */
public final class SlurmBackend extends PlainGridBackend {

    static final String TITLE = "Slurm";

    public SlurmBackend() {
        super("slurm", TITLE, SlurmOptions.COLUMN);
    }

    @Override
    public GridDialect dialect(Map<String, String> own) {
        return new SlurmDialect();
    }
}
