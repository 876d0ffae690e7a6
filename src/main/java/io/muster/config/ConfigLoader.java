package io.muster.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Reads Muster's settings: built-in defaults, then {@code muster.toml}, then {@code MUSTER_*}
 * environment variables (then, in the CLI, flags). Every value is checked here, once; a
 * problem stops the start with the file, the line and the reason ({@link ConfigException}).
 *
 * <p>The file is {@code --config FILE} when given, else {@code $MUSTER_CONFIG}, else
 * {@code ~/.muster/muster.toml}; a default file that does not exist means "all defaults".
 */
public final class ConfigLoader {

    public static final String FILE_NAME = "muster.toml";
    public static final String CONFIG_ENV = "MUSTER_CONFIG";

    private ConfigLoader() {
    }

    /** The file this environment points at: {@code $MUSTER_CONFIG}, else {@code ~/.muster/muster.toml}. */
    public static Path defaultFile(Map<String, String> env) {
        String explicit = env.get(CONFIG_ENV);
        if (explicit != null && !explicit.isBlank()) {
            try {
                return PathExpansion.expand(explicit, env);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("environment variable " + CONFIG_ENV + " " + e.getMessage());
            }
        }
        return PathExpansion.expand("~/.muster/" + FILE_NAME, env);
    }

    /** The default file (if it exists) and this process's environment. */
    public static MusterConfig load() {
        Map<String, String> env = System.getenv();
        return load(defaultFile(env), env, false);
    }

    /**
     * @param file     the file to read, or null for none
     * @param required true when the user named the file: then a missing file is an error
     */
    public static MusterConfig load(Path file, Map<String, String> env, boolean required) {
        ConfigFile config = null;
        if (file != null) {
            if (Files.exists(file)) {
                config = ConfigFile.open(file);
            } else if (required) {
                throw new ConfigException(file, 0, "no such file (muster conf init writes a commented one)");
            }
        }
        return load(config, env);
    }

    /** Checks that a file (as edited, not yet saved) loads; the environment's overrides are left out. */
    static void check(ConfigFile file) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("MUSTER_"));
        load(file, env);
    }

    static MusterConfig load(ConfigFile file, Map<String, String> env) {
        JsonNode tree = file == null ? null : file.tree();
        Map<String, Object> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();
        Map<String, Map<String, String>> backendSections = new LinkedHashMap<>();
        if (tree != null) {
            readFile(file, tree, env, values, origins, profiles, backendSections);
        }
        readEnvironment(env, values, origins);
        readBackendEnvironment(env, origins);

        Path dataDir = (Path) values.computeIfAbsent(Settings.DATA_DIR.id(),
                k -> PathExpansion.expand("~/.muster", env));
        try {
            return new MusterConfig(dataDir,
                    (String) values.getOrDefault(Settings.BROKER_HOST.id(), MusterConfig.DEFAULT_BROKER_HOST),
                    (Integer) values.getOrDefault(Settings.BROKER_PORT.id(), MusterConfig.DEFAULT_BROKER_PORT),
                    (Integer) values.getOrDefault(Settings.LOCAL_CORES.id(), Runtime.getRuntime().availableProcessors()),
                    (Long) values.getOrDefault(Settings.LOCAL_MEMORY.id(), MusterConfig.defaultLocalMemoryMb()),
                    (Integer) values.getOrDefault(Settings.BATCH_THREADS.id(), MusterConfig.DEFAULT_BATCH_THREADS),
                    (Path) values.get(Settings.WORK_ROOT.id()),
                    (Duration) values.getOrDefault(Settings.POLL_INTERVAL.id(), MusterConfig.DEFAULT_POLL_INTERVAL),
                    (String) values.get(Settings.DATABASE_URL.id()),
                    profiles,
                    new ConfigSource(file == null ? null : file.path(), file == null ? Map.of() : file.lines(), origins),
                    Grids.load(backendSections, env),
                    env.containsKey("MUSTER_FLOWS_DIR") ? PathExpansion.expand(env.get("MUSTER_FLOWS_DIR"), env) : null,
                    (Path) values.get(Settings.BROKER_USERS.id()),
                    (String) values.getOrDefault(Settings.HTTP_HOST.id(), MusterConfig.DEFAULT_HTTP_HOST),
                    (Integer) values.getOrDefault(Settings.HTTP_PORT.id(), MusterConfig.DEFAULT_HTTP_PORT),
                    externalBroker(values),
                    httpTls(values),
                    new ScaleOut((String) values.get(Settings.DATABASE_USER.id()),
                            (String) values.get(Settings.DATABASE_PASSWORD.id()),
                            (Duration) values.getOrDefault(Settings.LEASE_TIME.id(), ScaleOut.DEFAULT_LEASE_TIME),
                            (String) values.get(Settings.LOCAL_HOST.id())),
                    (String) values.get(Settings.BROKER_REPLY_PREFIX.id()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file == null ? null : file.path(), 0, e.getMessage());
        }
    }

    /** {@code broker.url} with its login, or null when Muster embeds its broker; a login without a URL is an error. */
    private static ExternalBrokerSettings externalBroker(Map<String, Object> values) {
        String url = (String) values.get(Settings.BROKER_URL.id());
        String user = (String) values.get(Settings.BROKER_USER.id());
        String password = (String) values.get(Settings.BROKER_PASSWORD.id());
        if (url == null) {
            if (user != null || password != null) {
                throw new IllegalArgumentException("setting " + (user != null ? Settings.BROKER_USER : Settings.BROKER_PASSWORD).id()
                        + " is Muster's login on the broker of broker.url, which is not set (the embedded broker's"
                        + " logins are the file of broker.users)");
            }
            return null;
        }
        return new ExternalBrokerSettings(url, user, password);
    }

    /** {@code http.tls_keystore} with its password, or null for plain HTTP. */
    private static HttpTls httpTls(Map<String, Object> values) {
        Path keystore = (Path) values.get(Settings.HTTP_TLS_KEYSTORE.id());
        String password = (String) values.get(Settings.HTTP_TLS_PASSWORD.id());
        return keystore == null && password == null ? null : new HttpTls(keystore, password);
    }

    private static void readFile(ConfigFile file, JsonNode tree, Map<String, String> env, Map<String, Object> values,
                                 Map<String, String> origins, Map<String, Map<String, Object>> profiles,
                                 Map<String, Map<String, String>> backendSections) {
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            String name = section.getKey();
            if (name.equals(Settings.PROFILES)) {
                readProfiles(file, section.getValue(), profiles);
                continue;
            }
            List<String> backendKeys = backendSections().get(name);
            if (backendKeys != null && section.getValue().isObject()) {
                // a cluster backend's section ([slurm], [sge]), with the keys the registry of backends gives it
                Map<String, String> keys = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it2 = section.getValue().fields(); it2.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it2.next();
                    String id = name + "." + entry.getKey();
                    if (!backendKeys.contains(entry.getKey())) {
                        throw new ConfigException(file.path(), lineOf(file, id), "unknown setting " + id + "; [" + name
                                + "] has " + String.join(", ", backendKeys));
                    }
                    if (!entry.getValue().isValueNode()) {
                        throw new ConfigException(file.path(), lineOf(file, id), id + " must be a value, not a table");
                    }
                    try {
                        checkBackendValue(name, entry.getKey(), entry.getValue().asText());
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(file.path(), lineOf(file, id), id + " " + e.getMessage());
                    }
                    keys.put(entry.getKey(), entry.getValue().asText());
                    origins.put(id, "file");
                }
                backendSections.put(name, keys);
                continue;
            }
            if (!Settings.SECTIONS.contains(name) || !section.getValue().isObject()) {
                String hint = section.getValue().isObject()
                        ? "; the sections are " + String.join(", ", Settings.SECTIONS) + ", profiles.NAME and the"
                        + " backends " + String.join(", ", backendSections().keySet())
                        : Settings.closest(name).map(s -> "; did you mean " + s + "?").orElse("");
                throw new ConfigException(file.path(), lineOf(file, name), "unknown "
                        + (section.getValue().isObject() ? "section [" + name + "]" : "setting '" + name + "'") + hint);
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = section.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = keys.next();
                String id = name + "." + entry.getKey();
                Setting setting = Settings.find(name, entry.getKey()).orElseThrow(() -> new ConfigException(file.path(),
                        lineOf(file, id), "unknown setting " + id
                        + Settings.closest(id).map(s -> "; did you mean " + s + "?").orElse("")));
                try {
                    values.put(id, setting.read(ConfigFile.java(entry.getValue()), env));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(file.path(), lineOf(file, id), id + " " + e.getMessage());
                }
                origins.put(id, "file");
            }
        }
    }

    private static void readProfiles(ConfigFile file, JsonNode node, Map<String, Map<String, Object>> profiles) {
        if (!node.isObject()) {
            throw new ConfigException(file.path(), lineOf(file, Settings.PROFILES), "profiles must be tables:"
                    + " [profiles.NAME] with option = value lines");
        }
        node.fields().forEachRemaining(profile -> {
            String id = Settings.PROFILES + "." + profile.getKey();
            if (!profile.getValue().isObject()) {
                throw new ConfigException(file.path(), lineOf(file, id), id + " must be a table of option = value");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            profile.getValue().fields().forEachRemaining(option -> {
                Object value = ConfigFile.java(option.getValue());
                if (value instanceof Map<?, ?>) {
                    throw new ConfigException(file.path(), lineOf(file, id + "." + option.getKey()),
                            id + "." + option.getKey() + " must be a value, not a table");
                }
                values.put(option.getKey(), value);
            });
            profiles.put(profile.getKey(), values);
        });
    }

    private static void readEnvironment(Map<String, String> env, Map<String, Object> values, Map<String, String> origins) {
        for (Setting setting : Settings.all()) {
            for (String name : setting.env()) {
                String raw = env.get(name);
                if (raw == null || raw.isBlank()) {
                    continue;
                }
                try {
                    values.put(setting.id(), setting.read(raw.trim(), env));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("environment variable " + name + " (setting " + setting.id() + ") "
                            + e.getMessage());
                }
                origins.put(setting.id(), "env " + name);
                break;
            }
        }
    }

    private static Map<String, List<String>> backendSections;
    /** Backend name to the registry that gives its section. */
    private static Map<String, BackendSections> registryOf;

    /** The cluster backends' sections, from the registry of backends (found through ServiceLoader). */
    public static synchronized Map<String, List<String>> backendSections() {
        if (backendSections == null) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            Map<String, BackendSections> owners = new LinkedHashMap<>();
            ServiceLoader.load(BackendSections.class).forEach(p -> p.sections().forEach((backend, keys) -> {
                all.put(backend, keys);
                owners.put(backend, p);
            }));
            registryOf = Collections.unmodifiableMap(owners);
            backendSections = Collections.unmodifiableMap(all);
        }
        return backendSections;
    }

    /** A backend key's default as text, or null where it has none ({@code bin_dir}: the PATH). */
    public static String backendDefault(String backend, String key) {
        backendSections();
        BackendSections registry = registryOf.get(backend);
        return registry == null ? null : registry.defaults().getOrDefault(backend, Map.of()).get(key);
    }

    /**
     * Checks one value of a backend's section with the registry that gives that section.
     *
     * @throws IllegalArgumentException saying what is wrong, without the setting's name
     */
    public static void checkBackendValue(String backend, String key, String value) {
        backendSections();
        BackendSections registry = registryOf.get(backend);
        if (registry != null) {
            registry.check(backend, key, value);
        }
    }

    /**
     * The environment's values of the backends' sections ({@code MUSTER_SGE_PE}), checked as the
     * file's are; they win over the file's, so their origin does too.
     */
    private static void readBackendEnvironment(Map<String, String> env, Map<String, String> origins) {
        backendSections().forEach((backend, keys) -> {
            for (String key : keys) {
                String variable = Grids.variable(backend, key);
                String value = env.get(variable);
                if (value == null || value.isBlank()) {
                    continue;
                }
                try {
                    checkBackendValue(backend, key, value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("environment variable " + variable + " (setting " + backend + "." + key
                            + ") " + e.getMessage());
                }
                origins.put(backend + "." + key, "env " + variable);
            }
        });
    }

    private static final java.util.regex.Pattern NUMERIC_HOST = java.util.regex.Pattern.compile("[0-9.]+");
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /**
     * Checks what a listening server binds to, before anything starts: {@code broker.host} must be
     * a full address (an IPv4 address in four numbers, an IPv6 address, or a name that resolves),
     * and a loopback one unless {@code broker.users} is set, since without users the broker lets
     * anonymous clients in.
     *
     * @param portFlag the {@code --port} flag as given, or null when the port is the settings' own
     * @throws ConfigException naming the setting and where it came from (file and line, or the variable)
     */
    public static void checkListener(MusterConfig config, String portFlag) {
        if (config.brokerExternal()) {
            checkNoEmbeddedListener(config, portFlag);
            return;
        }
        String host = config.brokerHost();
        String where = origin(config, Settings.BROKER_HOST.id());
        java.net.InetAddress address;
        if (NUMERIC_HOST.matcher(host).matches() && !IPV4.matcher(host).matches()) {
            throw problem(config, where, "broker.host '" + host + "' is not an IPv4 address written in full"
                    + " (four numbers from 0 to 255, such as 127.0.0.1)");
        }
        try {
            address = java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException | SecurityException e) {
            throw problem(config, where, "broker.host '" + host + "' is no address this machine can resolve");
        }
        if (config.brokerPort() > 0 && !config.brokerSecured() && !address.isLoopbackAddress()) {
            throw problem(config, where, "broker.host '" + host + "' is not a loopback address: without broker.users"
                    + " the broker lets anonymous clients in, so it binds to loopback only (127.0.0.1, ::1); set"
                    + " broker.users to bind elsewhere" + (portFlag == null ? "" : " (or --port 0 for no TCP)"));
        }
    }

    /**
     * With {@code broker.url} Muster runs no broker of its own: a port or address for it would
     * be a setting that does nothing, so it is refused, naming where it came from.
     */
    private static void checkNoEmbeddedListener(MusterConfig config, String portFlag) {
        if (portFlag != null) {
            throw new ConfigException(portFlag + ": the embedded broker's port, but broker.url ("
                    + config.externalBroker().url() + ") makes Muster a client of that broker and run none of its own");
        }
        for (Setting s : List.of(Settings.BROKER_HOST, Settings.BROKER_PORT)) {
            String where = origin(config, s.id());
            if (where != null) {
                String reason = s.id() + " is the embedded broker's, but broker.url (" + config.externalBroker().url()
                        + ") makes Muster a client of that broker and run none of its own; remove " + s.id();
                throw "file".equals(where) ? new ConfigException(config.source().file(), config.source().lineOf(s.id()),
                        reason) : new ConfigException(where + ": " + reason);
            }
        }
    }

    private static String origin(MusterConfig config, String id) {
        String origin = config.source().origin(id);
        if (origin.startsWith("env ")) {
            return "environment variable " + origin.substring(4) + " (setting " + id + ")";
        }
        return origin.equals("file") ? "file" : null;
    }

    private static ConfigException problem(MusterConfig config, String where, String reason) {
        if ("file".equals(where)) {
            return new ConfigException(config.source().file(), config.source().lineOf(Settings.BROKER_HOST.id()), reason);
        }
        return new ConfigException(where == null ? reason : where + ": " + reason);
    }

    private static int lineOf(ConfigFile file, String id) {
        return file.lineOf(id);
    }
}
