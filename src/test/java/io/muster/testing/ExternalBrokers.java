package io.muster.testing;

import io.muster.config.ExternalBrokerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The Artemis brokers CI starts ({@code server-config/artemis/start.sh}, exported by {@code .ci/run}):
 * the standalone broker ({@code MUSTER_TEST_BROKER_URL}, with {@code MUSTER_TEST_BROKER_USER} and
 * {@code MUSTER_TEST_BROKER_PASSWORD}), the 2-node cluster ({@code MUSTER_TEST_CLUSTER_URLS}) and
 * the unpacked distribution ({@code MUSTER_TEST_ARTEMIS_HOME}) that tests start brokers of their
 * own from. A local run without them skips the tests that need them, saying why; CI fails them.
 */
public final class ExternalBrokers {

    private ExternalBrokers() {
    }

    /** The standalone broker, logged in as Muster. */
    public static ExternalBrokerSettings standalone() {
        String url = System.getenv("MUSTER_TEST_BROKER_URL");
        RealService.require(url == null || url.isBlank() ? "MUSTER_TEST_BROKER_URL is not set (bash"
                + " server-config/artemis/start.sh starts the test brokers; .ci/run exports it)" : null);
        return new ExternalBrokerSettings(url, System.getenv("MUSTER_TEST_BROKER_USER"),
                System.getenv("MUSTER_TEST_BROKER_USER") == null ? null : System.getenv("MUSTER_TEST_BROKER_PASSWORD"));
    }

    /** The nodes of the 2-node cluster, one URL each. */
    public static List<String> cluster() {
        String urls = System.getenv("MUSTER_TEST_CLUSTER_URLS");
        RealService.require(urls == null || urls.isBlank() ? "MUSTER_TEST_CLUSTER_URLS is not set (bash"
                + " server-config/artemis/start.sh starts the test brokers; .ci/run exports it)" : null);
        return Arrays.stream(urls.split(",")).map(String::strip).toList();
    }

    /** The unpacked Artemis distribution. */
    public static Path artemisHome() {
        String home = System.getenv("MUSTER_TEST_ARTEMIS_HOME");
        RealService.require(home == null || home.isBlank() ? "MUSTER_TEST_ARTEMIS_HOME is not set (bash"
                + " server-config/artemis/start.sh unpacks the broker distribution; .ci/run exports it)"
                : Files.isExecutable(Path.of(home, "bin", "artemis")) ? null : home + "/bin/artemis is missing");
        return Path.of(home);
    }
}
