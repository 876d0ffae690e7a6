package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Regression (black-box probe): a usage error printed the whole help, which hid the one line that mattered. */
class UsageErrorTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int muster(String... args) {
        return MusterCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void anUnknownOptionIsOneLineASuggestionAndWhereToReadMoreExit2() {
        int exit = muster("queue", "--runing");

        assertThat(exit).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).startsWith("muster: Unknown option: '--runing'")
                .contains("--running").endsWith("Try 'muster queue --help' for more." + System.lineSeparator())
                .doesNotContain("Usage:");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aUsageErrorFoundWhileRunningIsSaidTheSameWay() {
        int exit = muster("clean");

        assertThat(exit).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).startsWith("muster: give job ids, a directory, or --done").doesNotContain("Usage:");
    }

    @Test
    void anUnknownCommandIsNamedWithTheNearestOne() {
        int exit = muster("sumbit", "--", "true");

        assertThat(exit).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("'sumbit'").contains("submit").contains("Try 'muster --help' for more.");
    }
}
