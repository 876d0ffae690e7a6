package io.muster.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the commands that read or edit {@code muster.toml} share: the file, output, failure. */
abstract class ConfigFileCommand implements Callable<Integer> {

    @Mixin
    ConfigFileOption config;

    /** Every command takes --url alike; profile edits tell the server there, conf reads only the file. */
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    int fail(String message) {
        spec.commandLine().getErr().println("muster: " + message);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
