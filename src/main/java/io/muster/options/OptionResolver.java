package io.muster.options;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Turns the options of a submission into {@link JobOptions}: synonyms to canonical names,
 * unknown keywords reported with the closest known one, then every constraint checked at once.
 */
public final class OptionResolver {

    private final Validator validator;

    public OptionResolver() {
        this(Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory());
    }

    public OptionResolver(ValidatorFactory factory) {
        this.validator = factory.getValidator();
    }

    public Resolution resolve(Map<String, ?> raw) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> canonical = canonicalise(raw, violations);
        JobOptions options = new JobOptions(canonical);
        for (ConstraintViolation<JobOptions> v : validator.validate(options)) {
            String option = v.getPropertyPath().toString();
            violations.add(new Violation(option, String.valueOf(v.getInvalidValue()), option + " " + v.getMessage()));
        }
        violations.sort(Comparator.comparing(Violation::option));
        return new Resolution(violations.isEmpty() ? options : null, violations);
    }

    /**
     * Splits a map into (known keywords under their canonical names, unknown ones), as fyrd's
     * {@code split_keywords}. Values are not checked here.
     */
    public static Map.Entry<Map<String, Object>, Map<String, Object>> splitKeywords(Map<String, ?> raw) {
        Map<String, Object> known = new LinkedHashMap<>();
        Map<String, Object> unknown = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            Optional<Keyword> keyword = Keywords.find(key);
            if (keyword.isPresent()) {
                known.put(keyword.get().name(), value);
            } else {
                unknown.put(key, value);
            }
        });
        return Map.entry(known, unknown);
    }

    private static Map<String, Object> canonicalise(Map<String, ?> raw, List<Violation> violations) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        Map<String, String> spelledAs = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            Optional<Keyword> keyword = Keywords.find(key);
            if (keyword.isEmpty()) {
                String hint = Keywords.closest(key).map(k -> "; did you mean " + k + "?").orElse("");
                violations.add(new Violation(key, String.valueOf(value), "unknown option '" + key + "'" + hint));
                return;
            }
            String name = keyword.get().name();
            if (spelledAs.containsKey(name)) {
                violations.add(new Violation(name, String.valueOf(value), "given twice, as '"
                        + spelledAs.get(name) + "' and as '" + key + "'"));
                return;
            }
            spelledAs.put(name, key);
            if (value != null) {
                canonical.put(name, value);
            }
        });
        return canonical;
    }
}
