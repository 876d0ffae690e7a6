package io.muster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.config.MusterConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code muster flow start|status|restart|stop}: flows (Jakarta Batch job XML whose steps are
 * cluster jobs) on a running Muster server, over its broker.
 */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Run pipelines written as Jakarta Batch job XML on a running Muster server.",
        subcommands = {FlowCommand.Start.class, FlowCommand.Status.class, FlowCommand.Restart.class,
                FlowCommand.Stop.class},
        footer = {"", "Exit status of start and restart: 0 if the flow completed, 1 if it failed, 2 if it was"
                + " stopped, " + FlowCommand.REJECTED + " if it was refused (every problem is printed, with file and"
                + " line)."})
class FlowCommand {

    static final int REJECTED = 125;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the server is: {@code muster flow --url U start …} as {@code muster flow start --url U …}. */
    @picocli.CommandLine.Mixin
    ClientOptions client;

    /** What every flow subcommand shares: the server, and the command line's own output streams. */
    abstract static class Subcommand implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ClientOptions connect;

        /** A client of the flow queue, logged in as given. */
        FlowClient client() throws jakarta.jms.JMSException {
            return new FlowClient(connect.url(), connect.user(), connect.password());
        }

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** True, after printing every problem, if the server refused the request. */
        boolean refused(JsonNode answer) {
            if (!"REJECTED".equals(answer.path("status").asText())) {
                return false;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("muster: flow refused:");
            for (JsonNode p : answer.path("problems")) {
                int line = p.path("line").asInt();
                err.println("  " + p.path("file").asText() + (line > 0 ? ":" + line : "") + ": "
                        + p.path("reason").asText());
            }
            err.flush();
            return true;
        }
    }

    /** What start and restart share: parameters, and following the flow to its end. */
    abstract static class Running extends Subcommand {

        @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "job parameter (repeatable)")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Option(names = "--detach", description = "print the execution id and return without waiting")
        boolean detach;

        @Option(names = "--timeout", description = "give up waiting after this long, e.g. PT1H (default: no limit)")
        Duration timeout;

        abstract ObjectNode request();

        @Override
        public Integer call() throws Exception {
            try (FlowClient client = client()) {
                JsonNode answer = client.ask(request());
                if (refused(answer)) {
                    return REJECTED;
                }
                long id = answer.path("executionId").asLong();
                out().println("flow execution " + id + " started");
                out().flush();
                if (detach) {
                    return 0;
                }
                JsonNode end = client.follow(id, timeout, event -> print(event, out()));
                return switch (end.path("data").path("phase").asText()) {
                    case "COMPLETED" -> 0;
                    case "STOPPED" -> 2;
                    default -> 1;
                };
            }
        }

        ObjectNode withParameters(ObjectNode request) {
            ObjectNode p = request.putObject("parameters");
            parameters.forEach(p::put);
            return request;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a flow: an XML file, or a name in the server's flows directory or batch-jobs/"
                    + " (e.g. examples/chain). Prints each step as it ends, then how the flow ended.")
    static class Start extends Running {
        @Parameters(paramLabel = "FLOW", description = "FILE.xml or a flow name")
        String flow;

        @Override
        ObjectNode request() {
            // the server reads the file: give it a path that does not depend on this shell's directory
            Path file = Path.of(flow);
            String ref = flow.endsWith(".xml") && Files.isRegularFile(file)
                    ? file.toAbsolutePath().normalize().toString() : flow;
            return withParameters(JSON.createObjectNode().put("flow", ref));
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restart a failed or stopped flow execution: steps that completed are not run again.")
    static class Restart extends Running {
        @Parameters(paramLabel = "ID", description = "the execution id") long id;

        @Override
        ObjectNode request() {
            return withParameters(JSON.createObjectNode().put("action", "restart").put("executionId", id));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a flow execution and its steps.")
    static class Status extends Subcommand {

        @Parameters(paramLabel = "ID", description = "the execution id") long id;

        @Option(names = "--json", description = "print the status as JSON (flow, batchStatus, exitStatus, started,"
                + " ended, parameters, steps, executions)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (FlowClient client = client()) {
                JsonNode answer = client.ask(JSON.createObjectNode().put("action", "status").put("executionId", id));
                if (refused(answer)) {
                    return REJECTED;
                }
                JsonNode f = answer.path("flow");
                if (json) {
                    out().println(f.toPrettyString());
                    return 0;
                }
                out().printf("flow %s, execution %d: %s (exit status %s)%n", f.path("flow").asText(), id,
                        f.path("batchStatus").asText(), f.path("exitStatus").asText());
                out().printf("  started %s, ended %s; executions of this run: %s%n", f.path("started").asText("-"),
                        f.path("ended").asText("-"), f.path("executions"));
                out().printf("  work directory %s%n", f.path("parameters").path("workDir").asText("-"));
                for (JsonNode s : f.path("steps")) {
                    out().printf("  %-20s %-10s %-12s %s%n", s.path("step").asText(), s.path("batchStatus").asText(),
                            s.path("exitStatus").asText(), s.hasNonNull("jobId") ? "job " + s.path("jobId").asText() : "");
                }
                return 0;
            }
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a running flow execution: its running jobs are cancelled; restart it later.")
    static class Stop extends Subcommand {

        @Parameters(paramLabel = "ID", description = "the execution id") long id;

        @Override
        public Integer call() throws Exception {
            try (FlowClient client = client()) {
                JsonNode answer = client.ask(JSON.createObjectNode().put("action", "stop").put("executionId", id));
                if (refused(answer)) {
                    return REJECTED;
                }
                out().println("flow execution " + id + " is stopping");
                return 0;
            }
        }
    }

    static void print(JsonNode event, PrintWriter out) {
        JsonNode d = event.path("data");
        String phase = d.path("phase").asText();
        if (d.path("kind").asText().equals("step")) {
            if (!phase.equals("STARTED")) {
                out.printf("  step %-20s %-10s %s%n", d.path("step").asText(), d.path("exitStatus").asText(),
                        d.hasNonNull("jobId") ? "job " + d.path("jobId").asText() : "");
            }
        } else if (!phase.equals("STARTED")) {
            out.println("flow " + d.path("flow").asText() + " (execution " + d.path("executionId").asLong() + ") "
                    + phase + (d.path("exitStatus").asText().equals(phase) ? "" : ", exit status "
                    + d.path("exitStatus").asText()));
        }
        out.flush();
    }
}
