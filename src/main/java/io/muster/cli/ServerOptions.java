package io.muster.cli;

import io.muster.config.MusterConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a server keeps its data and what it listens on; flags override the environment. */
class ServerOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "broker journal, database and job files (default: $MUSTER_HOME or ~/.muster)")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT",
            description = "TCP port of the broker on 127.0.0.1, 0 for none (default: 61616)")
    Integer port;

    @Option(names = "--local-cores", paramLabel = "N", description = "cores the local pool may use (default: all)")
    Integer localCores;

    @Option(names = "--flows-dir", paramLabel = "DIR",
            description = "directory of flows (job XML) found by name (default: $MUSTER_FLOWS_DIR or DATA/flows)")
    Path flowsDir;

    MusterConfig config() {
        MusterConfig config = MusterConfig.fromEnvironment();
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        if (port != null) {
            config = config.withBrokerPort(port);
        }
        if (localCores != null) {
            config = config.withLocalCores(localCores);
        }
        if (flowsDir != null) {
            config = config.withFlowsDir(flowsDir);
        }
        return config;
    }
}
