package io.muster.options;

import io.muster.api.Violation;
import io.muster.config.ConfigException;
import io.muster.config.MusterConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Profiles: named option defaults, as fyrd had them. Built in, with fyrd's values (its
 * {@code DEFAULT_PROFILES}): {@code DEFAULT} (the catalogue's defaults: 1 node, 1 core, 4000 MB,
 * 04:00:00), {@code small}, {@code small_clean}, {@code large} and {@code long}; what a profile
 * shares with DEFAULT it inherits. {@code [profiles.NAME]} tables in muster.toml add profiles or change built-in
 * ones (a configured value wins over the built-in one; removing the table restores it).
 *
 * <p>Merge order for a job: explicit options &gt; the named profile &gt; DEFAULT &gt; the
 * catalogue's built-in defaults. Every profile inherits DEFAULT.
 *
 * <p>Note for small machines: DEFAULT asks for 4000 MB, and the local pool rejects a job that
 * asks for more memory than it has ({@code local.memory}, 90% of the machine by default). On a
 * machine with less than about 4.5 GB, lower {@code mem} in {@code [profiles.DEFAULT]}.
 */
public final class Profiles {

    public static final String DEFAULT = "DEFAULT";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Map<String, Map<String, Object>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put(DEFAULT, Keywords.defaults());
        BUILT_IN.put("small", normalised(Map.of("cores", 1, "mem", 1000, "time", "01:00:00")));
        BUILT_IN.put("small_clean", normalised(Map.of("cores", 1, "mem", 1000, "time", "01:00:00",
                "clean_files", true, "clean_outputs", true)));
        BUILT_IN.put("large", normalised(Map.of("cores", 16, "mem", 32000, "time", "24:00:00")));
        BUILT_IN.put("long", normalised(Map.of("time", "96:00:00")));
    }

    private final Map<String, Map<String, Object>> configured;

    private Profiles(Map<String, Map<String, Object>> configured) {
        this.configured = configured;
    }

    /** Only the built-in profiles. */
    public static Profiles builtIn() {
        return new Profiles(Map.of());
    }

    /**
     * The built-in profiles changed and extended by {@code [profiles.NAME]} tables.
     *
     * @throws IllegalArgumentException listing every bad profile name, option and value
     */
    public static Profiles of(Map<String, ? extends Map<String, ?>> tables) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> checked = check(tables, (id, message) -> problems.add(id + ": " + message));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new Profiles(checked);
    }

    /**
     * The profiles of a configuration.
     *
     * @throws ConfigException naming the file and line of the first bad profile value
     */
    public static Profiles from(MusterConfig config) {
        var source = config.source();
        Map<String, Map<String, Object>> checked = check(config.profiles(), (id, message) -> {
            throw new ConfigException(source.file(), source.lineOf(id), id + " " + message);
        });
        return new Profiles(checked);
    }

    private interface Problems {
        void add(String id, String message);
    }

    private static Map<String, Map<String, Object>> check(Map<String, ? extends Map<String, ?>> tables, Problems problems) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        tables.forEach((name, values) -> {
            String id = "profiles." + name;
            if (!NAME.matcher(name).matches()) {
                problems.add(id, "is not a profile name: use letters, digits, _ and - (at most 64)");
                return;
            }
            Map<String, Object> profile = new LinkedHashMap<>();
            values.forEach((option, value) -> {
                Optional<Keyword> keyword = Keywords.find(option);
                if (keyword.isEmpty()) {
                    problems.add(id + "." + option, "is not an option" + Keywords.closest(option)
                            .map(k -> "; did you mean " + k + "?").orElse(""));
                    return;
                }
                Optional<String> refused = Keywords.refusal(keyword.get().name());
                if (refused.isPresent()) {
                    // as in a submission: a profile's scriptpath would be ignored without a word
                    problems.add(id + "." + option, Violation.show(value) + " " + refused.get());
                    return;
                }
                try {
                    profile.put(keyword.get().name(), keyword.get().kind().normalise(value));
                } catch (IllegalArgumentException e) {
                    problems.add(id + "." + option, Violation.show(value) + " " + e.getMessage());
                }
            });
            out.put(name, profile);
        });
        return out;
    }

    private static Map<String, Object> normalised(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        Keywords.all().forEach(k -> {
            if (values.containsKey(k.name())) {
                out.put(k.name(), k.kind().normalise(values.get(k.name())));
            }
        });
        return out;
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }

    /** The built-in values of a built-in profile (empty for any other name). */
    public static Map<String, Object> builtInValues(String name) {
        return BUILT_IN.getOrDefault(name, Map.of());
    }

    public boolean exists(String name) {
        return name != null && (BUILT_IN.containsKey(name) || configured.containsKey(name));
    }

    /** Every profile, DEFAULT first, then by name. */
    public List<Profile> all() {
        TreeSet<String> names = new TreeSet<>(Comparator.comparing((String n) -> !n.equals(DEFAULT))
                .thenComparing(Comparator.naturalOrder()));
        names.addAll(BUILT_IN.keySet());
        names.addAll(configured.keySet());
        return names.stream().map(n -> find(n).orElseThrow()).toList();
    }

    public Optional<Profile> find(String name) {
        if (!exists(name)) {
            return Optional.empty();
        }
        Map<String, Object> own = own(name);
        Map<String, Object> effective = new LinkedHashMap<>(own(DEFAULT));
        if (!name.equals(DEFAULT)) {
            effective.putAll(own);
        }
        Profile.Origin origin = !BUILT_IN.containsKey(name) ? Profile.Origin.CONFIGURED
                : configured.containsKey(name) ? Profile.Origin.BUILT_IN_AND_CONFIGURED : Profile.Origin.BUILT_IN;
        return Optional.of(new Profile(name, ordered(own), ordered(effective), origin));
    }

    private Map<String, Object> own(String name) {
        Map<String, Object> own = new LinkedHashMap<>(BUILT_IN.getOrDefault(name, Map.of()));
        own.putAll(configured.getOrDefault(name, Map.of()));
        return own;
    }

    private static Map<String, Object> ordered(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        Keywords.all().forEach(k -> {
            if (values.containsKey(k.name())) {
                out.put(k.name(), values.get(k.name()));
            }
        });
        return out;
    }

    /** Why a profile name is not known, with the known ones. */
    public String unknown(String name) {
        List<String> known = all().stream().map(Profile::name).toList();
        return "is not a profile; known profiles: " + String.join(", ", known);
    }
}
