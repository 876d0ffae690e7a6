package io.muster.client;

import io.muster.testing.ExternalBrokers;
import io.muster.testing.TestServer;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The same end-to-end suite with Muster a client of the external standalone Artemis broker
 * ({@code broker.url}, the broker of {@code server-config/artemis/start.sh}), and on the database
 * of {@code MUSTER_TEST_DATABASE_URL} when that is set.
 */
class MusterClientOnExternalBrokerIT extends MusterClientSuite {

    @Override
    TestServer start(Path dataDir) throws Exception {
        return TestServer.onBroker(dataDir, 2, ExternalBrokers.standalone(), UnaryOperator.identity());
    }
}
