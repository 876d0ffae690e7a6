package io.muster.cli;

import io.muster.client.DeadLetters;
import io.muster.client.Muster;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code muster dlq list|show|retry|purge}: the broker's dead-letter queue, for admins. A
 * submission Muster could not handle in five attempts was answered REJECTED and is kept there,
 * body untouched, under the number its answer names.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"The broker's dead-letter queue (admins): messages that failed every delivery attempt.",
                "  muster dlq list", "  muster dlq show 1234", "  muster dlq retry 1234", "  muster dlq purge --all"},
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Show.class, DlqCommand.Retry.class,
                DlqCommand.Purge.class})
class DlqCommand {

    /** Accepted here as after each subcommand: {@code muster dlq --url U list}. */
    @picocli.CommandLine.Mixin
    ClientOptions client;

    static final String FOOTER = "Exit status: 0 done; 2 no such dead letter, or no number given; 69 no server;"
            + " 77 the broker refused (only admins may read the DLQ).";

    @Command(name = "list", mixinStandardHelpOptions = true, footer = {"", FOOTER},
            description = "Every dead letter, oldest first: number, original address, deliveries, start of the body.")
    static class ListLetters extends ClientCommand {
        @Override
        int run(Muster muster) {
            List<DeadLetters.Letter> letters = muster.deadLetters().list();
            out().printf("%-12s %-20s %-10s %s%n", "NUMBER", "ADDRESS", "DELIVERED", "BODY");
            for (DeadLetters.Letter l : letters) {
                out().printf("%-12s %-20s %-10d %s%n", l.id(), l.originalAddress(), l.deliveries(), oneLine(l.body()));
            }
            return ExitStatus.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, footer = {"", FOOTER},
            description = "One dead letter in full: where it was sent, its properties and its body.")
    static class Show extends ClientCommand {
        @Parameters(paramLabel = "NUMBER", description = "as muster dlq list shows it")
        String id;

        @Override
        int run(Muster muster) {
            if (!isNumber(id)) {
                err().println("muster: '" + id + "' is no dead-letter number (muster dlq list shows them)");
                return ExitStatus.USAGE;
            }
            var letter = muster.deadLetters().show(id);
            if (letter.isEmpty()) {
                err().println("muster: no dead letter " + id);
                return ExitStatus.USAGE;
            }
            DeadLetters.Letter l = letter.get();
            out().println("number:      " + l.id());
            out().println("address:     " + l.originalAddress());
            out().println("message id:  " + l.messageId());
            out().println("sent:        " + l.sent());
            out().println("delivered:   " + l.deliveries());
            for (Map.Entry<String, Object> p : l.properties().entrySet()) {
                out().println("property:    " + p.getKey() + " = " + p.getValue());
            }
            out().println("body:");
            out().println(l.body());
            return ExitStatus.OK;
        }
    }

    /** retry and purge: numbers or --all. */
    abstract static class Taking extends ClientCommand {
        @Parameters(paramLabel = "NUMBER", arity = "0..*", description = "as muster dlq list shows them")
        List<String> ids = List.of();

        @Option(names = "--all", description = "every dead letter")
        boolean all;

        abstract List<DeadLetters.Letter> take(DeadLetters letters, List<String> ids);

        abstract String verb();

        @Override
        int run(Muster muster) {
            if (ids.isEmpty() == !all) {
                err().println("muster: give the dead letters' numbers, or --all");
                return ExitStatus.USAGE;
            }
            for (String id : ids) {
                if (!isNumber(id)) {
                    err().println("muster: '" + id + "' is no dead-letter number (muster dlq list shows them)");
                    return ExitStatus.USAGE;
                }
            }
            List<DeadLetters.Letter> done = take(muster.deadLetters(), all ? List.of() : ids);
            for (DeadLetters.Letter l : done) {
                out().println(verb() + " " + l.id() + (l.originalAddress() == null ? "" : " (" + l.originalAddress()
                        + ")"));
            }
            List<String> missing = ids.stream().filter(id -> done.stream().noneMatch(l -> l.id().equals(id))).toList();
            missing.forEach(id -> err().println("muster: no dead letter " + id));
            return missing.isEmpty() ? ExitStatus.OK : ExitStatus.USAGE;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, footer = {"", FOOTER},
            description = "Send dead letters back to where they were sent, as new messages (body and properties kept).")
    static class Retry extends Taking {
        @Override
        List<DeadLetters.Letter> take(DeadLetters letters, List<String> ids) {
            return letters.retry(ids);
        }

        @Override
        String verb() {
            return "sent back";
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, footer = {"", FOOTER},
            description = "Delete dead letters.")
    static class Purge extends Taking {
        @Override
        List<DeadLetters.Letter> take(DeadLetters letters, List<String> ids) {
            return letters.purge(ids);
        }

        @Override
        String verb() {
            return "deleted";
        }
    }

    static boolean isNumber(String id) {
        return id.matches("\\d{1,19}");
    }

    static String oneLine(String body) {
        if (body == null) {
            return "(no body)";
        }
        String line = body.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= 60 ? line : line.substring(0, 59) + "…";
    }
}
