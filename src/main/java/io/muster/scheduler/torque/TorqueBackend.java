package io.muster.scheduler.torque;

import io.muster.options.Directive;
import io.muster.options.Keyword;
import io.muster.options.Rendering;
import io.muster.scheduler.GridBackend;
import io.muster.scheduler.GridDialect;
import java.util.Map;

/** Torque/PBS in the registry of backends: {@link TorqueDialect}, and its option forms ({@link TorqueOptions}). */
public final class TorqueBackend implements GridBackend {

    @Override
    public String name() {
        return "torque";
    }

    static final String TITLE = "Torque/PBS";

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public GridDialect dialect(Map<String, String> own) {
        return new TorqueDialect();
    }

    @Override
    public Directive form(Keyword keyword, Map<String, String> own) {
        return Rendering.form(TITLE, TorqueOptions.column(), keyword);
    }
}
