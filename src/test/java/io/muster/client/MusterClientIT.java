package io.muster.client;

import io.muster.testing.TestServer;
import java.nio.file.Path;

/** The end-to-end suite on the embedded broker, the default. */
class MusterClientIT extends MusterClientSuite {

    @Override
    TestServer start(Path dataDir) throws Exception {
        return TestServer.start(dataDir, 2);
    }
}
