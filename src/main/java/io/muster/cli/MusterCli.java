package io.muster.cli;

import io.muster.client.MusterLoginException;
import io.muster.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code muster}: the command line of Muster. */
@Command(name = "muster", mixinStandardHelpOptions = true, version = "muster 0.1.0",
        description = "Runs shell commands on Slurm, Torque/PBS or a local core pool, as a service.",
        subcommands = {
                ServerCommand.class,
                RunCommand.class,
                // options, profiles and the configuration file
                KeywordsCommand.class,
                ProfileCommand.class,
                ConfCommand.class,
                // the user's surface over a running server
                SubmitCommand.class,
                WaitCommand.class,
                GetCommand.class,
                QueueCommand.class,
                CancelCommand.class,
                ResubmitCommand.class,
                CleanCommand.class,
                DlqCommand.class,
                CompletionCommand.class,
                // flows: batch XML pipelines
                FlowCommand.class,
                CommandLine.HelpCommand.class})
public class MusterCli {

    /** Exit status when the configuration is unusable (sysexits' EX_CONFIG). */
    public static final int BAD_CONFIG = 78;
    /** Exit status of {@code muster server} when its embedded broker stopped after a critical I/O error (sysexits' EX_IOERR). */
    public static final int SERVER_IO_ERROR = 74;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = commandLine();
        // stdout that also takes bytes as they are: muster get ID > out.bin keeps a binary stdout intact
        cli.setOut(new ByteOutput(System.out));
        return cli.execute(args);
    }

    /** Runs with the given output and error streams (for tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    private static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MusterCli());
        // a usage error is the error and where to read more: the whole help (dozens of lines) hid the one that mattered
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("muster: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more.");
            err.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        // a bad setting is the user's to fix: say where and why, without a stack trace
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("muster: configuration error: " + e.getMessage());
                commandLine.getErr().flush();
                return BAD_CONFIG;
            }
            if (e instanceof MusterLoginException login) {
                // commands that do not go through ClientCommand (flow) end here
                commandLine.getErr().println("muster: " + login.getMessage()
                        + (login.user() == null ? LoginOptions.HINT : ""));
                commandLine.getErr().flush();
                return ExitStatus.LOGIN_REFUSED;
            }
            throw e;
        });
        return cli;
    }
}
