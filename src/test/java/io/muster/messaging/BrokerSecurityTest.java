package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.junit.jupiter.api.Test;

/** The embedded broker's roles, as Artemis reads them, and where it may listen. */
class BrokerSecurityTest {

    private static Set<CheckType> allowed(Role role) {
        return Arrays.stream(CheckType.values()).filter(t -> t.hasRole(role))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CheckType.class)));
    }

    private static Role roleAt(String match, String name) {
        return BrokerSecurity.roles().get(match).stream().filter(r -> r.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no role " + name + " at " + match));
    }

    @Test
    void aRoleAllowsExactlyTheChecksItWasBuiltWith() {
        for (CheckType only : CheckType.values()) {
            assertThat(allowed(BrokerSecurity.role("r", EnumSet.of(only)))).as(only.name()).containsExactly(only);
        }
    }

    @Test
    void mustersOwnLoginMayDoEverythingEverywhere() {
        for (String match : BrokerSecurity.roles().keySet()) {
            assertThat(allowed(roleAt(match, BrokerSecurity.SERVER_ROLE))).as(match)
                    .containsExactlyInAnyOrder(CheckType.values());
        }
    }

    @Test
    void usersMayOnlySendToTheSubmissionControlAndFlowQueues() {
        for (String queue : new String[] {"muster.submit", "muster.control", "muster.flows"}) {
            assertThat(allowed(roleAt(queue, BrokerSecurity.USER_ROLE))).as(queue).containsExactly(CheckType.SEND);
        }
    }

    @Test
    void usersMayReplyQueuesAndSubscriptionsEverywhereElseButNotManage() {
        assertThat(allowed(roleAt("#", BrokerSecurity.USER_ROLE))).containsExactlyInAnyOrder(CheckType.SEND,
                CheckType.CONSUME, CheckType.BROWSE, CheckType.CREATE_NON_DURABLE_QUEUE,
                CheckType.DELETE_NON_DURABLE_QUEUE, CheckType.CREATE_DURABLE_QUEUE, CheckType.DELETE_DURABLE_QUEUE,
                CheckType.CREATE_ADDRESS);
    }

    @Test
    void usersMaySubscribeToEventsButNotPublishThem() {
        assertThat(allowed(roleAt("muster.events", BrokerSecurity.USER_ROLE))).contains(CheckType.CONSUME,
                CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.CREATE_DURABLE_QUEUE).doesNotContain(CheckType.SEND);
    }

    @Test
    void usersMayNotTouchRejectedDeadOrExpiredMessages() {
        for (String queue : new String[] {"muster.rejected", "DLQ", "ExpiryQueue"}) {
            assertThat(allowed(roleAt(queue, BrokerSecurity.USER_ROLE))).as(queue).isEmpty();
        }
    }

    @Test
    void bindsOnlyToLoopbackWithoutUsers() {
        assertThatThrownBy(() -> EmbeddedBroker.requireLoopback("0.0.0.0", 61616, false))
                .hasMessageContaining("broker.host=0.0.0.0").hasMessageEndingWith("set broker.users to bind elsewhere");
        assertThatCode(() -> EmbeddedBroker.requireLoopback("127.0.0.1", 61616, false)).doesNotThrowAnyException();
        assertThatCode(() -> EmbeddedBroker.requireLoopback("0.0.0.0", 0, false)).doesNotThrowAnyException();
    }

    @Test
    void bindsAnywhereWithUsers() {
        assertThatCode(() -> EmbeddedBroker.requireLoopback("0.0.0.0", 61616, true)).doesNotThrowAnyException();
    }

    /** A new address in broker.xml must be placed on purpose, not fall under "#" unnoticed. */
    @Test
    void givesEveryAddressOfBrokerXmlARuleOfItsOwn() throws IOException {
        Matcher address = Pattern.compile("<address name=\"([^\"]+)\"")
                .matcher(Files.readString(Path.of(EmbeddedBroker.BROKER_XML)));
        Map<String, Set<Role>> roles = BrokerSecurity.roles();
        int found = 0;
        while (address.find()) {
            found++;
            assertThat(roles).as(address.group(1)).containsKey(address.group(1));
        }
        assertThat(found).isPositive();
    }
}
