package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.Destinations;
import io.muster.cli.MusterCli;
import io.muster.config.ConfigException;
import io.muster.config.ExternalBrokerSettings;
import io.muster.testing.ArtemisBroker;
import io.muster.testing.ExternalBrokers;
import io.muster.testing.Processes;
import io.muster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker Muster cannot work with stops {@code muster server} at start, in one line naming the
 * setting, the broker and what is wrong: no broker at the URL, a refused login, addresses the
 * broker has not and will not create, settings Muster's dead letters rely on.
 */
class ExternalBrokerStartIT {

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    static Path scratch;

    /** A broker of this class's own with Muster's security but neither its addresses nor their settings. */
    private static ArtemisBroker bare;

    @BeforeAll
    static void startBareBroker() throws Exception {
        bare = ArtemisBroker.create(scratch.resolve("bare"), TestServer.freePort(), "broker.xml", 0);
        Path xml = bare.etc().resolve("broker.xml");
        String text = Files.readString(xml);
        Files.writeString(xml, text.replaceAll("\\s*<xi:include href=\"\\$\\{artemis.instance.etc}/muster-address"
                + "(es|-settings).xml\"/>", ""));
        bare.start();
    }

    @AfterAll
    static void stopBareBroker() throws Exception {
        if (bare != null) {
            bare.close();
        }
    }

    /** {@code muster server} as a user starts it, with every cluster backend off. */
    private static Processes.Result server(String url, Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(Map.of("MUSTER_SLURM", "off", "MUSTER_TORQUE", "off", "MUSTER_SGE", "off"));
        return Processes.run(scratch, Processes.muster("server", "--data-dir",
                Files.createTempDirectory(scratch, "data").toString(), "--http-port", "0", "--broker-url", url),
                all, START);
    }

    private static void assertOneConfigurationLine(Processes.Result result) {
        assertThat(result.exit()).as(result.err()).isEqualTo(MusterCli.BAD_CONFIG);
        List<String> lines = result.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr").hasSize(1);
        assertThat(lines.get(0)).startsWith("muster: configuration error: ");
        assertThat(result.out()).doesNotContain("\tat ");
    }

    @Test
    void aBrokerThatDoesNotAnswerStopsTheStartInOneLineNamingTheUrl() throws Exception {
        String url = "tcp://127.0.0.1:" + TestServer.freePort();

        Processes.Result result = server(url, Map.of());

        assertOneConfigurationLine(result);
        assertThat(result.err()).contains("setting broker.url: no broker answers at " + url);
    }

    @Test
    void aRefusedLoginStopsTheStartInOneLineNamingTheLoginAndTheBroker() throws Exception {
        ExternalBrokerSettings standalone = ExternalBrokers.standalone();

        Processes.Result result = server(standalone.url(), Map.of("MUSTER_BROKER_USER", "muster",
                "MUSTER_BROKER_PASSWORD", "not-the-password"));

        assertOneConfigurationLine(result);
        assertThat(result.err()).contains("setting broker.user: the broker at " + standalone.url()
                + " refused the login 'muster'").doesNotContain("not-the-password");
    }

    @Test
    void aLoginThatMayNotCreateTheMissingAddressesStopsTheStartNamingTheAddress() {
        ExternalBrokerSettings observer = new ExternalBrokerSettings(bare.url(), "observer", "observer-test");

        assertThatThrownBy(() -> TestServer.onBroker(scratch.resolve("observer"), 1, observer, UnaryOperator.identity()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("setting broker.url: the broker at " + bare.url()
                        + " has no address muster.submit (anycast) and refused to create it (")
                .hasMessageContaining("CREATE_ADDRESS")
                .hasMessageEndingWith("apply server-config/artemis/broker.xml (README, \"Scaling out\")")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingAddressesAreCreatedButMissingDeadLetterSettingsStopTheStart() throws Exception {
        ExternalBrokerSettings muster = new ExternalBrokerSettings(bare.url(), "muster", "muster-test");

        assertThatThrownBy(() -> TestServer.onBroker(scratch.resolve("muster"), 1, muster, UnaryOperator.identity()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting broker.url: the broker at " + bare.url() + " has address-setting"
                        + " dead-letter-address of muster.submit is '', not DLQ; apply server-config/artemis/broker.xml"
                        + " (README, \"Scaling out\")");

        try (ServerLocator locator = ActiveMQClient.createServerLocator(bare.url());
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession("muster", "muster-test", false, true, true, false, 0)) {
            for (String address : List.of("muster.submit", "muster.events", "muster.control", "muster.flows",
                    "muster.rejected", "DLQ")) {
                assertThat(session.addressQuery(SimpleString.of(address)).isExists()).as(address).isTrue();
            }
            assertThat(session.queueQuery(SimpleString.of("muster.submit")).isDurable()).isTrue();
            assertThat(session.queueQuery(SimpleString.of("muster.rejected")).getRingSize())
                    .as("refused copies kept").isEqualTo(Destinations.REJECTED_KEPT);
        }
    }
}
