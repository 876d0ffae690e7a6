package io.muster.scheduler;

import io.muster.options.Directive;
import io.muster.options.Keyword;
import io.muster.options.OptionColumn;
import java.util.Map;

/**
 * A grid backend with no settings of its own: its name, its title and its column of option
 * forms, which its dialect does not need settings to write. Slurm and Torque/PBS are such.
 */
public abstract class PlainGridBackend implements GridBackend {

    private final String name;
    private final String title;
    private final OptionColumn column;

    protected PlainGridBackend(String name, String title, OptionColumn column) {
        this.name = name;
        this.title = title;
        this.column = column;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final Directive form(Keyword keyword, Map<String, String> own) {
        return column.form(keyword);
    }
}
