package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** One rule for where the server is (issue 12.7): every command takes --url, at every level. */
class UrlOptionTest {

    /** These start a server of their own (or print a script): no server to point them at. */
    private static final Set<String> OWN_SERVER = Set.of("server", "run", "completion", "help");

    private static List<CommandLine> everyCommand(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!OWN_SERVER.contains(sub.getCommandName()) && !out.contains(sub)) {
                out.add(sub);
                out.addAll(everyCommand(sub));
            }
        }
        return out;
    }

    @Test
    void issue12_everyCommandThatTalksToAServerOrEditsItsSettingsTakesUrl() {
        List<CommandLine> commands = everyCommand(new CommandLine(new MusterCli()));

        assertThat(commands).extracting(CommandLine::getCommandName)
                .contains("keywords", "profile", "add", "conf", "show", "flow", "start", "status", "queue", "submit");
        assertThat(commands).allSatisfy(c -> assertThat(c.getCommandSpec().findOption("--url"))
                .as(c.getCommandSpec().qualifiedName()).isNotNull());
    }

    @Test
    void issue12_urlBeforeTheSubcommandCountsAsAfterIt() {
        Cli before = Cli.run("flow", "--url=tcp://127.0.0.1:1", "status", "1");
        Cli after = Cli.run("flow", "status", "--url=tcp://127.0.0.1:1", "1");

        assertThat(before.err()).contains("tcp://127.0.0.1:1");
        assertThat(after.err()).contains("tcp://127.0.0.1:1");
        assertThat(before.exit()).isEqualTo(after.exit()).isNotEqualTo(2);
    }
}
