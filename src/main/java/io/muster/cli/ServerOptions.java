package io.muster.cli;

import io.muster.config.ConfigException;
import io.muster.config.ConfigLoader;
import io.muster.config.ExternalBrokerSettings;
import io.muster.config.Settings;
import io.muster.config.MusterConfig;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a server keeps its data and what it listens on: muster.toml, then the environment, then these flags. */
class ServerOptions {

    @Mixin
    ConfigFileOption configFile = new ConfigFileOption();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "broker journal, database and job files (default: server.data_dir, $MUSTER_HOME or ~/.muster)")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT",
            description = "TCP port of the broker on 127.0.0.1, 0 for none (default: broker.port or 61616)")
    Integer port;

    @Option(names = "--broker-url", paramLabel = "URL",
            description = "an Artemis broker to be a client of instead of embedding one: tcp://HOST:PORT, or"
                    + " (tcp://A:PORT,tcp://B:PORT)?ha=true (default: broker.url, else the embedded broker)")
    String brokerUrl;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "port of the HTTP server (/metrics, /health, the web page), 0 for none (default: http.port or 8161)")
    Integer httpPort;

    @Option(names = "--local-cores", paramLabel = "N",
            description = "cores the local pool may use (default: local.cores or all)")
    Integer localCores;

    @Option(names = "--flows-dir", paramLabel = "DIR",
            description = "directory of flows (job XML) found by name (default: $MUSTER_FLOWS_DIR or DATA/flows)")
    Path flowsDir;

    /** @throws io.muster.config.ConfigException naming the file and line of a bad setting, or the flag */
    MusterConfig config() {
        java.util.Map<String, String> env = System.getenv();
        if (brokerUrl != null) {
            // checked here so a bad one names the flag; then read as the setting is, with the login beside it
            flag("--broker-url", brokerUrl, ExternalBrokerSettings::normalise);
            env = new java.util.HashMap<>(env);
            env.put(Settings.BROKER_URL.env().get(0), brokerUrl);
        }
        MusterConfig config = ConfigLoader.load(configFile.path(), env, configFile.explicit());
        if (dataDir != null) {
            config = flag("--data-dir", dataDir, config::withDataDir);
        }
        if (port != null) {
            config = flag("--port", port, config::withBrokerPort);
        }
        if (httpPort != null) {
            config = config.withHttpPort(httpPort);
        }
        if (localCores != null) {
            config = flag("--local-cores", localCores, config::withLocalCores);
        }
        if (flowsDir != null) {
            config = flag("--flows-dir", flowsDir, config::withFlowsDir);
        }
        return config;
    }

    /**
     * The settings of a server that listens: {@link #config()} and its TCP listener checked too
     * (a full address, loopback unless the broker has users).
     */
    MusterConfig listeningConfig() {
        MusterConfig config = config();
        ConfigLoader.checkListener(config, port != null ? "--port " + port : null);
        return config;
    }

    /** A flag's value applied; a value the settings refuse is a configuration error naming the flag. */
    private static <T, R> R flag(String name, T value, java.util.function.Function<T, R> apply) {
        try {
            return apply.apply(value);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " " + value + ": " + e.getMessage());
        }
    }
}
