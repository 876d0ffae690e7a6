package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQTopic;
import org.junit.jupiter.api.Test;

class ReplyAddressesTest {

    private final ReplyAddresses anywhere = new ReplyAddresses(null);
    private final ReplyAddresses replies = new ReplyAddresses("replies.");

    @Test
    void withoutAPrefixAnyNamedQueueButMustersOwnIsAnswered() throws Exception {
        assertThat(anywhere.refused(new ActiveMQQueue("other.app.inbox"))).isEmpty();
        assertThat(anywhere.refused(new ActiveMQQueue("muster.events"))).get().asString().contains("Muster's own");
        assertThat(anywhere.refused(new ActiveMQTopic("other.#"))).get().asString().contains("wildcard");
    }

    @Test
    void withAPrefixANamedAddressOutsideItIsRefusedNamingTheSetting() throws Exception {
        assertThat(replies.refused(new ActiveMQQueue("replies.alice"))).isEmpty();
        assertThat(replies.refused(new ActiveMQQueue("replies.alice::mine"))).isEmpty();
        assertThat(replies.refused(new ActiveMQQueue("other.app.inbox"))).get().asString()
                .isEqualTo("the reply address other.app.inbox does not start with replies. (broker.reply_prefix);"
                        + " answers go to a temporary queue or one whose name starts with it");
        // the fully qualified name is sent to its address, which is what must start with the prefix
        assertThat(replies.refused(new ActiveMQQueue("other.app::replies.alice"))).isPresent();
        assertThat(replies.refused(new ActiveMQTopic("other.topic"))).isPresent();
    }

    @Test
    void aPrefixNeverOpensMustersOwnAddresses() throws Exception {
        ReplyAddresses muster = new ReplyAddresses("muster.");
        assertThat(muster.refused(new ActiveMQQueue("muster.submit"))).get().asString().contains("Muster's own");
        assertThat(muster.refused(new ActiveMQQueue("muster.replies.bob"))).isEmpty();
    }
}
