package io.muster.options;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test data: a submission's options map, built one option at a time. */
final class OptionsBuilder {

    private final Map<String, Object> options = new LinkedHashMap<>();

    static OptionsBuilder options() {
        return new OptionsBuilder();
    }

    OptionsBuilder with(String name, Object value) {
        options.put(name, value);
        return this;
    }

    Map<String, Object> build() {
        return new LinkedHashMap<>(options);
    }

    /** The golden example of the issue, as fyrd's own rendering tests used it. */
    static OptionsBuilder golden() {
        return options().with("nodes", "2").with("cores", 5).with("account", "richguy").with("features", "bigmem")
                .with("time", "20").with("mem", 2000).with("partition", "large").with("export", "PATH")
                .with("outfile", "joe").with("errfile", "john");
    }
}
