package io.muster.cli;

import io.muster.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: which muster.toml a command reads or edits. */
class ConfigFileOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the configuration file (default: $MUSTER_CONFIG, else ~/.muster/muster.toml)")
    Path file;

    /** True when the user named the file, so a missing one is an error rather than "all defaults". */
    boolean explicit() {
        return file != null;
    }

    Path path() {
        return file != null ? file.toAbsolutePath().normalize() : ConfigLoader.defaultFile(System.getenv());
    }
}
