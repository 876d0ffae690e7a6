package io.muster.options;

import io.muster.api.Violation;
import io.muster.config.MusterConfig;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.HibernateValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Turns the options of a submission into {@link JobOptions}: synonyms to canonical names,
 * unknown keywords reported with the closest known one, profiles merged (explicit &gt; named
 * profile &gt; DEFAULT &gt; built-in defaults), then every constraint checked at once, so a
 * submission with three bad options gets three violations.
 *
 * <p>Thread-safe; build one per server (building the validator costs milliseconds).
 */
public final class OptionResolver {

    private static volatile ValidatorFactory defaultFactory;

    private final Validator validator;
    /** Replaced as a whole when a running server is given new profiles ({@link #useProfiles}). */
    private volatile Profiles profiles;
    private final Path workRoot;

    /** Built-in profiles; job files must stay inside the work root of {@link MusterConfig#defaults()}. */
    public OptionResolver() {
        this(Profiles.builtIn(), MusterConfig.defaults().workRoot());
    }

    public OptionResolver(Profiles profiles, Path workRoot) {
        this(factory(), profiles, workRoot);
    }

    public OptionResolver(ValidatorFactory factory) {
        this(factory, Profiles.builtIn(), MusterConfig.defaults().workRoot());
    }

    /** @param workRoot the directory job files must stay inside; null to allow only relative paths that do not climb out */
    public OptionResolver(ValidatorFactory factory, Profiles profiles, Path workRoot) {
        this(factory, profiles, workRoot, List.of());
    }

    /**
     * A server's resolver: job files stay inside its work root and out of what it keeps for itself
     * ({@link MusterConfig#protectedPaths()}: the database, the broker journal, …).
     */
    public static OptionResolver forServer(Profiles profiles, MusterConfig config) {
        return new OptionResolver(factory(), profiles, config.workRoot(), config.protectedPaths());
    }

    private OptionResolver(ValidatorFactory factory, Profiles profiles, Path workRoot, List<Path> protectedPaths) {
        this.profiles = profiles;
        this.workRoot = workRoot == null ? null : workRoot.toAbsolutePath().normalize();
        this.validator = validator(factory, this.workRoot, protectedPaths);
    }

    private static ValidatorFactory factory() {
        ValidatorFactory f = defaultFactory;
        if (f == null) {
            synchronized (OptionResolver.class) {
                if (defaultFactory == null) {
                    defaultFactory = Validation.byDefaultProvider().configure()
                            .messageInterpolator(new ParameterMessageInterpolator())
                            .buildValidatorFactory();
                }
                f = defaultFactory;
            }
        }
        return f;
    }

    /** Hands the work root to {@code @OptionValues} as the validator's payload (a Hibernate Validator feature). */
    private static Validator validator(ValidatorFactory factory, Path workRoot, List<Path> protectedPaths) {
        if (workRoot != null) {
            try {
                return factory.unwrap(HibernateValidatorFactory.class).usingContext()
                        .constraintValidatorPayload(new WorkRoot(workRoot, protectedPaths)).getValidator();
            } catch (ValidationException notHibernate) {
                // another provider: the strict rule for paths applies
            }
        }
        return factory.getValidator();
    }

    /** From now on, jobs are resolved over these profiles (a running server's profiles changed). */
    public void useProfiles(Profiles changed) {
        this.profiles = java.util.Objects.requireNonNull(changed, "profiles");
    }

    public Profiles profiles() {
        return profiles;
    }

    public Path workRoot() {
        return workRoot;
    }

    /** Resolves with the DEFAULT profile. */
    public Resolution resolve(Map<String, ?> raw) {
        return resolve(raw, Profiles.DEFAULT);
    }

    /**
     * Resolves explicit options over a profile (null means DEFAULT). An unknown profile is a
     * violation naming it; the options are still checked, so every problem is reported at once.
     */
    public Resolution resolve(Map<String, ?> raw, String profile) {
        return resolve(raw, profile, this.profiles);
    }

    /** As {@link #resolve(Map, String)}, over these profiles instead of the resolver's own (to try profiles before using them). */
    public Resolution resolve(Map<String, ?> raw, String profile, Profiles profiles) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> explicit = canonicalise(raw, violations);
        String profileName = profile == null ? Profiles.DEFAULT : profile;
        Map<String, Object> merged = new LinkedHashMap<>();
        Optional<Profile> chosen = profiles.find(profileName);
        if (chosen.isPresent()) {
            merged.putAll(chosen.get().effective());
        } else {
            merged.putAll(profiles.find(Profiles.DEFAULT).orElseThrow().effective());
            violations.add(Violation.of("profile", profileName, profiles.unknown(profileName)));
        }
        merged.putAll(explicit);
        Set<String> defaulted = new HashSet<>(profiles.find(Profiles.DEFAULT).orElseThrow().effective().keySet());
        chosen.filter(p -> !p.name().equals(Profiles.DEFAULT)).ifPresent(p -> defaulted.removeAll(p.own().keySet()));
        defaulted.removeAll(explicit.keySet());
        JobOptions options = new JobOptions(merged, defaulted);
        for (ConstraintViolation<JobOptions> v : validator.validate(options)) {
            String option = v.getPropertyPath().toString();
            violations.add(Violation.of(option, options.raw(option), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Violation::option));
        return new Resolution(violations.isEmpty() ? options : null, violations);
    }

    /**
     * Splits a map into (known keywords under their canonical names with normalised values,
     * everything else untouched), as fyrd's {@code split_keywords}:
     * {@code {cores:2, memory:'4GB', bob:'dylan'}} gives {@code ({cores:2, mem:4096}, {bob:'dylan'})}.
     *
     * @throws IllegalArgumentException naming the option and the value when a known keyword's value is bad
     */
    public static KeywordSplit splitKeywords(Map<String, ?> raw) {
        Map<String, Object> known = new LinkedHashMap<>();
        Map<String, Object> unknown = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            Optional<Keyword> keyword = Keywords.find(key);
            if (keyword.isEmpty()) {
                unknown.put(key, value);
                return;
            }
            try {
                known.put(keyword.get().name(), keyword.get().kind().normalise(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(keyword.get().name() + " " + Violation.show(value) + " "
                        + e.getMessage(), e);
            }
        });
        return new KeywordSplit(known, unknown);
    }

    private static Map<String, Object> canonicalise(Map<String, ?> raw, List<Violation> violations) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        Map<String, String> spelledAs = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            Optional<Keyword> keyword = Keywords.find(key);
            if (keyword.isEmpty()) {
                String hint = Keywords.closest(key).map(k -> "; did you mean " + k + "?").orElse("");
                violations.add(new Violation(key, String.valueOf(value),
                        Violation.escape(key) + " is an unknown option" + hint));
                return;
            }
            String name = keyword.get().name();
            Optional<String> refused = Keywords.refusal(name);
            if (refused.isPresent()) {
                violations.add(Violation.of(name, value, refused.get()));
                return;
            }
            if (spelledAs.containsKey(name)) {
                violations.add(Violation.of(name, value, "is given twice, as '" + spelledAs.get(name)
                        + "' and as '" + key + "'"));
                return;
            }
            spelledAs.put(name, key);
            Optional<Violation> tooBig = Limits.check(name, value);
            if (tooBig.isPresent()) {
                // reported once, as too long; not checked further (a 1 MB value has no other news)
                violations.add(tooBig.get());
            } else if (value != null) {
                canonical.put(name, value);
            }
        });
        return canonical;
    }
}
