package io.muster.scheduler.torque;

import io.muster.scheduler.GridDialect;
import io.muster.scheduler.PlainGridBackend;
import java.util.Map;

/** Torque/PBS in the registry of backends: {@link TorqueDialect}, and its option forms ({@link TorqueOptions}). */
public final class TorqueBackend extends PlainGridBackend {

    static final String TITLE = "Torque/PBS";

    public TorqueBackend() {
        super("torque", TITLE, TorqueOptions.COLUMN);
    }

    @Override
    public GridDialect dialect(Map<String, String> own) {
        return new TorqueDialect();
    }
}
