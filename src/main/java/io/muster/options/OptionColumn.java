package io.muster.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One backend's column of the catalogue: how it writes every keyword, or why it cannot. The
 * keywords Muster handles itself on every backend ({@link Keywords#musterColumn}) are filled in
 * where the backend gives no form of its own.
 */
public final class OptionColumn {

    private final String backend;
    private final Map<String, Directive> forms;

    /** @param backend the backend's name in warnings ("Grid Engine cannot express it") */
    public OptionColumn(String backend, Map<String, Directive> forms) {
        Map<String, Directive> all = new LinkedHashMap<>(forms);
        Keywords.musterColumn().forEach(all::putIfAbsent);
        this.backend = backend;
        this.forms = Collections.unmodifiableMap(all);
    }

    public String backend() {
        return backend;
    }

    public Map<String, Directive> forms() {
        return forms;
    }

    /**
     * How this backend writes {@code keyword}.
     *
     * @throws IllegalStateException if the column lacks it: every backend has a form for every keyword
     */
    public Directive form(Keyword keyword) {
        Directive d = forms.get(keyword.name());
        if (d == null) {
            throw new IllegalStateException(backend + " has no form for keyword '" + keyword.name() + "'");
        }
        return d;
    }

    /** True if the column has a form for every keyword of the catalogue. */
    public boolean coversTheCatalogue() {
        return Keywords.all().stream().allMatch(k -> forms.containsKey(k.name()));
    }

    /** The options as this backend's arguments in catalogue order, with warnings for what it cannot express. */
    public Rendering.Rendered render(JobOptions options) {
        return Rendering.render(backend, this::form, options);
    }

    /** The options as this backend's arguments, in catalogue order. */
    public List<String> arguments(JobOptions options) {
        return render(options).arguments();
    }
}
