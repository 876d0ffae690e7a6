package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueLimitTest {

    /** Regression (black-box probe): queue --limit 0 went to the server and came back as exit 1, a refused request. */
    @Test
    void aLimitBelowOneIsAUsageErrorNamingTheValueBeforeAnyServerIsAsked() {
        for (String limit : new String[] {"0", "-1"}) {
            Cli r = Cli.run("queue", "--url=tcp://127.0.0.1:1", "--limit", limit);

            assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.USAGE);
            assertThat(r.err()).contains("--limit must be a whole number of at least 1, was " + limit)
                    .doesNotContain("Start one with");
        }
    }

    @Test
    void anUnknownBackendFilterIsAUsageErrorNamingItBeforeAnyServerIsAsked() {
        Cli r = Cli.run("queue", "--url=tcp://127.0.0.1:1", "-b", "slrum");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).startsWith("muster: --backend 'slrum' is not a backend: use one of local, ")
                .doesNotContain("Start one with");
    }
}
