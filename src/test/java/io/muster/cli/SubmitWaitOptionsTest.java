package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** submit's --timeout and --no-progress only mean something with --wait: alone they are a usage error. */
class SubmitWaitOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--timeout=5    | --timeout needs --wait",
            "--no-progress  | --no-progress needs --wait"})
    void aWaitOptionWithoutWaitIsAUsageErrorNamingIt(String option, String message) {
        // nothing listens there: the usage error must come before any connection
        Cli r = Cli.run("submit", "--url", "tcp://127.0.0.1:1", option, "--", "true");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).startsWith("muster: " + message);
        assertThat(r.out()).isEmpty();
    }
}
