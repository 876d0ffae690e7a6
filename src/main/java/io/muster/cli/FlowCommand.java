package io.muster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.client.FlowControl;
import io.muster.client.Muster;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code muster flow start|status|restart|stop}: flows (Jakarta Batch job XML whose steps are
 * cluster jobs) on a running Muster server, over its broker.
 */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Run pipelines written as Jakarta Batch job XML on a running Muster server.",
        subcommands = {FlowCommand.Start.class, FlowCommand.Status.class, FlowCommand.Restart.class,
                FlowCommand.Stop.class},
        footer = {"", "Exit status of start and restart: 0 if the flow completed, 1 if it failed, 2 if it was"
                + " stopped, 3 if --timeout ran out, " + FlowCommand.REJECTED + " if it was refused (every problem is"
                + " printed, with file and line); of every subcommand, 2 for an unknown execution id."})
class FlowCommand {

    static final int REJECTED = ExitStatus.REJECTED;

    /** Where the server is: {@code muster flow --url U start …} as {@code muster flow start --url U …}. */
    @picocli.CommandLine.Mixin
    ClientOptions client;

    /**
     * What every flow subcommand shares: a client of the server, logged in as given, and its
     * flows; a refused request ends with every problem printed and exit status {@value #REJECTED}.
     */
    abstract static class Subcommand extends ClientCommand {

        abstract int run(FlowControl flows) throws Exception;

        @Override
        final int run(Muster muster) throws Exception {
            try (FlowControl flows = muster.flows()) {
                return run(flows);
            }
        }
    }

    /** What start and restart share: parameters, and following the flow to its end. */
    abstract static class Running extends Subcommand {

        @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "job parameter (repeatable)")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Option(names = "--detach", description = "print the execution id and return without waiting")
        boolean detach;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "give up waiting after this long (10, 90s, 5m, 1:00:00, PT1H; default: no limit)")
        Duration timeout;

        abstract JsonNode send(FlowControl flows);

        @Override
        int run(FlowControl flows) throws Exception {
            long id = send(flows).path("executionId").asLong();
            out().println("flow execution " + id + " started");
            out().flush();
            if (detach) {
                return 0;
            }
            JsonNode end = flows.follow(id, timeout, event -> print(event, out()));
            String phase = end.path("data").path("phase").asText();
            if (!phase.equals("COMPLETED")) {
                // a step event carries no reason: a step whose job was refused would end the flow unexplained
                for (JsonNode step : flows.status(id).path("steps")) {
                    if (step.hasNonNull("reason")) {
                        out().println("  step " + step.path("step").asText() + " rejected: " + step.path("reason").asText());
                    }
                }
                out().flush();
            }
            return switch (phase) {
                case "COMPLETED" -> 0;
                case "STOPPED" -> 2;
                default -> 1;
            };
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a flow: an XML file, or a name in the server's flows directory or batch-jobs/"
                    + " (e.g. examples/chain). Prints each step as it ends, then how the flow ended.")
    static class Start extends Running {
        @Parameters(paramLabel = "FLOW", description = "FILE.xml or a flow name")
        String flow;

        @Override
        JsonNode send(FlowControl flows) {
            // the server reads the file: give it a path that does not depend on this shell's directory
            Path file = Path.of(flow);
            String ref = flow.endsWith(".xml") && Files.isRegularFile(file)
                    ? file.toAbsolutePath().normalize().toString() : flow;
            return flows.start(ref, parameters);
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restart a failed or stopped flow execution: steps that completed are not run again.")
    static class Restart extends Running {
        @Parameters(paramLabel = "ID", description = "the execution id") long id;

        @Override
        JsonNode send(FlowControl flows) {
            return flows.restart(id, parameters);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a flow execution and its steps.")
    static class Status extends Subcommand {

        @Parameters(paramLabel = "ID", description = "the execution id") long id;

        @Option(names = "--json", description = "print the status as JSON (flow, batchStatus, exitStatus, started,"
                + " ended, parameters, steps, executions)")
        boolean json;

        @Override
        int run(FlowControl flows) {
            JsonNode f = flows.status(id);
            if (json) {
                out().println(f.toPrettyString());
                return 0;
            }
            // a flow or step still going has no exit status yet: JSON null, which is no word to print
            String exitStatus = f.path("exitStatus").asText("");
            out().printf("flow %s, execution %d: %s%s%n", f.path("flow").asText(), id, f.path("batchStatus").asText(),
                    exitStatus.isEmpty() ? "" : " (exit status " + exitStatus + ")");
            out().printf("  started %s, ended %s; executions of this run: %s%n", f.path("started").asText("-"),
                    f.path("ended").asText("-"), f.path("executions"));
            out().printf("  work directory %s%n", f.path("parameters").path("workDir").asText("-"));
            for (JsonNode s : f.path("steps")) {
                out().printf("  %-20s %-10s %-12s %s%n", s.path("step").asText(), s.path("batchStatus").asText(),
                        s.path("exitStatus").asText("-"), s.hasNonNull("jobId") ? "job " + s.path("jobId").asText()
                                : s.hasNonNull("reason") ? "rejected: " + s.path("reason").asText() : "");
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a running flow execution: its running jobs are cancelled; restart it later.")
    static class Stop extends Subcommand {

        @Parameters(paramLabel = "ID", description = "the execution id") long id;

        @Override
        int run(FlowControl flows) {
            flows.stop(id);
            out().println("flow execution " + id + " is stopping");
            return 0;
        }
    }

    static void print(JsonNode event, PrintWriter out) {
        JsonNode d = event.path("data");
        String phase = d.path("phase").asText();
        if (d.path("kind").asText().equals("step")) {
            if (!phase.equals("STARTED")) {
                out.printf("  step %-20s %-10s %s%n", d.path("step").asText(), d.path("exitStatus").asText("-"),
                        d.hasNonNull("jobId") ? "job " + d.path("jobId").asText() : "");
            }
        } else if (!phase.equals("STARTED")) {
            String exitStatus = d.path("exitStatus").asText("");
            out.println("flow " + d.path("flow").asText() + " (execution " + d.path("executionId").asLong() + ") "
                    + phase + (exitStatus.isEmpty() || exitStatus.equals(phase) ? "" : ", exit status " + exitStatus));
        }
        out.flush();
    }
}
