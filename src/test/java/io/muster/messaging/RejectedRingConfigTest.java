package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Destinations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The embedded broker and the standalone one's addresses keep the same number of refused copies. */
class RejectedRingConfigTest {

    private static final String QUEUE = "<queue name=\"muster.rejected\" ring-size=\"" + Destinations.REJECTED_KEPT + "\"/>";

    @Test
    void theEmbeddedBrokerKeepsRejectedCopiesInARingOfTheDocumentedSize() throws Exception {
        assertThat(Files.readString(Path.of(EmbeddedBroker.BROKER_XML))).contains(QUEUE);
    }

    @Test
    void theStandaloneBrokersAddressesKeepRejectedCopiesInTheSameRing() throws Exception {
        assertThat(Files.readString(Path.of("server-config/artemis/muster-addresses.xml"))).contains(QUEUE);
    }
}
