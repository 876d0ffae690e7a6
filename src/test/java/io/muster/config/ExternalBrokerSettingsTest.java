package io.muster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalBrokerSettingsTest {

    private static MusterConfig load(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("HOME", "/home/ada");
        return ConfigLoader.load((java.nio.file.Path) null, all, false);
    }

    @Test
    void withoutBrokerUrlMusterEmbedsItsBroker() {
        assertThat(load(Map.of()).externalBroker()).isNull();
        assertThat(load(Map.of()).brokerExternal()).isFalse();
    }

    @Test
    void readsOneUrlAndTheLoginFromTheEnvironment() {
        MusterConfig c = load(Map.of("MUSTER_BROKER_URL", "tcp://mq.example.org:61616", "MUSTER_BROKER_USER", "muster",
                "MUSTER_BROKER_PASSWORD", "s3cret"));
        assertThat(c.externalBroker()).isEqualTo(new ExternalBrokerSettings("tcp://mq.example.org:61616", "muster", "s3cret"));
        assertThat(c.externalBroker().toString()).doesNotContain("s3cret");
        assertThat(Settings.value(c, Settings.BROKER_PASSWORD)).isEqualTo("(set, not shown)");
    }

    @Test
    void writesAPlainListInArtemisListFormKeepingItsParameters() {
        assertThat(ExternalBrokerSettings.normalise("tcp://a:61616, tcp://b:61617?ha=true&reconnectAttempts=-1"))
                .isEqualTo("(tcp://a:61616,tcp://b:61617)?ha=true&reconnectAttempts=-1");
        assertThat(ExternalBrokerSettings.normalise("(tcp://a:61616,tcp://b:61617)?ha=true"))
                .isEqualTo("(tcp://a:61616,tcp://b:61617)?ha=true");
        assertThat(ExternalBrokerSettings.fromList(java.util.List.of("tcp://a:1", "tcp://[::1]:2")))
                .isEqualTo("(tcp://a:1,tcp://[::1]:2)");
    }

    @Test
    void rejectsWhatIsNoTcpUrlNamingTheSettingAndTheForm() {
        assertThatThrownBy(() -> load(Map.of("MUSTER_BROKER_URL", "vm://0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MUSTER_BROKER_URL (setting broker.url)")
                .hasMessageContaining("leave broker.url unset for the embedded broker");
        assertThatThrownBy(() -> ExternalBrokerSettings.normalise("tcp://a:70000"))
                .hasMessageContaining("port 70000");
        assertThatThrownBy(() -> ExternalBrokerSettings.normalise("http://a:8161"))
                .hasMessageContaining("'http://a:8161', which is not tcp://HOST:PORT");
        assertThatThrownBy(() -> ExternalBrokerSettings.normalise("(tcp://a:1,tcp://b:2"))
                .hasMessageContaining("'(' without ')'");
    }

    @Test
    void rejectsALoginWithoutABrokerUrl() {
        assertThatThrownBy(() -> load(Map.of("MUSTER_BROKER_USER", "muster")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting broker.user is Muster's login on the broker of broker.url, which is not set");
    }

    @Test
    void refusesTheEmbeddedBrokersPortBesideABrokerUrl() {
        MusterConfig c = load(Map.of("MUSTER_BROKER_URL", "tcp://a:61616", "MUSTER_BROKER_PORT", "61617"));
        assertThatThrownBy(() -> ConfigLoader.checkListener(c, null))
                .hasMessage("environment variable MUSTER_BROKER_PORT (setting broker.port): broker.port is the embedded"
                        + " broker's, but broker.url (tcp://a:61616) makes Muster a client of that broker and run none"
                        + " of its own; remove broker.port");
        assertThatThrownBy(() -> ConfigLoader.checkListener(load(Map.of("MUSTER_BROKER_URL", "tcp://a:61616")), "--port 1"))
                .hasMessageContaining("--port 1: the embedded broker's port");
    }
}
