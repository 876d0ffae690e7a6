package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmptyUrlTest {

    /** An empty --url is a usage error naming the option (not "no Muster server", not a stack trace). */
    @Test
    void anEmptyUrlIsAUsageErrorNamingTheOption() {
        Cli r = Cli.run("queue", "--url=");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).startsWith("muster: --url is empty: give the broker URL of the running server, such as "
                + io.muster.client.Muster.DEFAULT_URL).doesNotContain("Exception");
    }
}
