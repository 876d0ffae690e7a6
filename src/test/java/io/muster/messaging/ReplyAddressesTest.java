package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQTopic;
import org.junit.jupiter.api.Test;

class ReplyAddressesTest {

    private final ReplyAddresses anywhere = new ReplyAddresses(null);
    private final ReplyAddresses replies = new ReplyAddresses("replies.");
    /** The broker of these tests holds one temporary queue. */
    private final ReplyAddresses.Broker broker = (address, topic) -> !topic && address.equals("4a1b-77c2");

    @Test
    void withoutAPrefixAnyNamedQueueButMustersOwnIsAnswered() throws Exception {
        assertThat(anywhere.refused(new ActiveMQQueue("other.app.inbox"), broker)).isEmpty();
        assertThat(anywhere.refused(new ActiveMQQueue("muster.events"), broker)).get().asString().contains("Muster's own");
        assertThat(anywhere.refused(new ActiveMQTopic("other.#"), broker)).get().asString().contains("wildcard");
    }

    @Test
    void withAPrefixANamedAddressOutsideItIsRefusedNamingTheSetting() throws Exception {
        assertThat(replies.refused(new ActiveMQQueue("replies.alice"), broker)).isEmpty();
        assertThat(replies.refused(new ActiveMQQueue("replies.alice::mine"), broker)).isEmpty();
        assertThat(replies.refused(new ActiveMQQueue("other.app.inbox"), broker)).get().asString()
                .isEqualTo("the reply address other.app.inbox does not start with replies. (broker.reply_prefix);"
                        + " answers go to a temporary queue or one whose name starts with it");
        // the fully qualified name is sent to its address, which is what must start with the prefix
        assertThat(replies.refused(new ActiveMQQueue("other.app::replies.alice"), broker)).isPresent();
        assertThat(replies.refused(new ActiveMQTopic("other.topic"), broker)).isPresent();
    }

    @Test
    void aPrefixNeverOpensMustersOwnAddresses() throws Exception {
        ReplyAddresses muster = new ReplyAddresses("muster.");
        assertThat(muster.refused(new ActiveMQQueue("muster.submit"), broker)).get().asString().contains("Muster's own");
        assertThat(muster.refused(new ActiveMQQueue("muster.replies.bob"), broker)).isEmpty();
    }

    /**
     * Regression (black-box probe): a STOMP request with {@code reply-to: temp-queue://muster.events}
     * had its answer published on muster.events (which no role may publish on), because any
     * temporary destination was answered without looking at its name.
     */
    @Test
    void aTemporaryDestinationNamedLikeMustersOwnIsRefused() throws Exception {
        for (String own : new String[] {"temp-queue://muster.events", "temp-topic://muster.events",
                "temp-queue://muster.submit", "temp-queue://muster.#"}) {
            ActiveMQDestination forged = ActiveMQDestination.fromPrefixedName(own);
            assertThat(forged.isTemporary()).as(own).isTrue();
            assertThat(anywhere.refused(forged, broker)).as(own).isPresent();
            assertThat(replies.refused(forged, broker)).as(own).isPresent();
        }
        assertThat(replies.refused(ActiveMQDestination.fromPrefixedName("temp-queue://4a1b-77c2"), broker)).isEmpty();
    }

    /**
     * Regression (black-box probe): with {@code broker.reply_prefix} set, a STOMP request with
     * {@code reply-to: temp-queue://otherapp.inbox} had its answer put on another program's queue:
     * a destination was taken for temporary by its type, which the sender chooses.
     */
    @Test
    void aDestinationOutsideThePrefixNamedTemporaryIsAnsweredOnlyIfTheBrokerHoldsItAsTemporary() throws Exception {
        ActiveMQDestination forged = ActiveMQDestination.fromPrefixedName("temp-queue://otherapp.inbox");

        assertThat(replies.refused(forged, broker)).get().asString()
                .contains("does not start with replies. (broker.reply_prefix) and is no temporary queue of the broker's");
        assertThat(replies.refused(ActiveMQDestination.fromPrefixedName("temp-topic://otherapp.events"), broker))
                .isPresent();
        // without a prefix, any queue but Muster's own is answered, temporary or not
        assertThat(anywhere.refused(forged, broker)).isEmpty();
    }
}
