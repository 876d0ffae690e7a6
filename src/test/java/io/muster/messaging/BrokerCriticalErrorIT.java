package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (black-box probe): with its disk full, the embedded broker shut down (AMQ222010) and
 * the server stayed up for good, unable to take or answer work, retrying every 30 s; nothing made
 * a supervisor restart it. The broker's own critical-error path now reaches the server, which
 * {@code muster server} turns into exit status 74.
 */
class BrokerCriticalErrorIT {

    @TempDir
    Path data;

    @Test
    void aCriticalIoErrorOfTheEmbeddedBrokerIsFatalToTheServerNamingTheCause() throws Exception {
        try (TestServer server = TestServer.start(data, 1)) {
            CompletableFuture<String> fatal = new CompletableFuture<>();
            server.server().onFatal(fatal::complete);
            EmbeddedBroker broker = (EmbeddedBroker) server.server().broker();

            // what the journal reports when a write finds the disk full
            broker.server().getIoCriticalErrorListener().onIOException(new IOException("No space left on device"),
                    "Critical IO Error", "journal/activemq-data-2.amq");

            assertThat(fatal.get(30, TimeUnit.SECONDS)).contains("critical I/O error")
                    .contains("No space left on device").contains("activemq-data-2.amq");
        }
    }
}
