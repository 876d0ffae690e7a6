package io.muster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code muster}: the command line of Muster. */
@Command(name = "muster", mixinStandardHelpOptions = true, version = "muster 0.1.0",
        description = "Runs shell commands on Slurm, Torque/PBS or a local core pool, as a service.",
        subcommands = {ServerCommand.class, RunCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public class MusterCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new MusterCli()).execute(args);
    }
}
