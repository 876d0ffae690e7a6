package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A --url no broker could listen at is a usage error naming it, not "no Muster server" nor a stack trace. */
class BadUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:61616", "localhost:61616", "tcp://127.0.0.1:notaport",
            "tcp://127.0.0.1:70000", "tcp://[::1"})
    void aUrlThatIsNoBrokerUrlIsAUsageErrorNamingIt(String url) {
        Cli r = Cli.run("queue", "--url", url);

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err().lines().findFirst().orElse("")).startsWith("muster: --url '" + url + "' is not a broker URL (")
                .doesNotContain("no Muster server is running");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aClusterUrlStaysAUrl() {
        Cli r = Cli.run("queue", "--url", "(tcp://127.0.0.1:1,tcp://127.0.0.1:2)?ha=true&reconnectAttempts=0");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.NO_SERVER);
    }
}
