package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.config.UserRole;
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
    void everyMatchNamesEveryRoleSoNoneFallsBackToABroaderMatch() {
        BrokerSecurity.roles().forEach((match, roles) -> assertThat(roles.stream().map(Role::getName)).as(match)
                .containsExactlyInAnyOrder("observe", "submit", "admin", BrokerSecurity.SERVER_ROLE));
    }

    @Test
    void everyRoleMayAskControlAndFlowsButNoneMayReadThem() {
        for (String queue : new String[] {"muster.control", "muster.flows"}) {
            for (UserRole role : UserRole.values()) {
                assertThat(allowed(roleAt(queue, role.word()))).as(queue + " " + role).containsExactly(CheckType.SEND);
            }
        }
    }

    @Test
    void onlySubmittersAndAdminsMaySendSubmissionsAndNoneMayReadThem() {
        assertThat(allowed(roleAt("muster.submit", "observe"))).isEmpty();
        assertThat(allowed(roleAt("muster.submit", "submit"))).containsExactly(CheckType.SEND);
        assertThat(allowed(roleAt("muster.submit", "admin"))).containsExactly(CheckType.SEND);
    }

    @Test
    void everyRoleMayMakeReplyQueuesAndSubscriptionsEverywhereElseButNotManage() {
        for (UserRole role : UserRole.values()) {
            assertThat(allowed(roleAt("#", role.word()))).as(role.word()).containsExactlyInAnyOrder(CheckType.SEND,
                    CheckType.CONSUME, CheckType.BROWSE, CheckType.CREATE_NON_DURABLE_QUEUE,
                    CheckType.DELETE_NON_DURABLE_QUEUE, CheckType.CREATE_DURABLE_QUEUE, CheckType.DELETE_DURABLE_QUEUE,
                    CheckType.CREATE_ADDRESS);
        }
    }

    @Test
    void everyRoleMaySubscribeToEventsButNoneMayPublishThem() {
        for (UserRole role : UserRole.values()) {
            assertThat(allowed(roleAt("muster.events", role.word()))).as(role.word()).contains(CheckType.CONSUME,
                    CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.CREATE_DURABLE_QUEUE).doesNotContain(CheckType.SEND);
        }
    }

    @Test
    void onlyAdminsMayReadRejectedDeadOrExpiredMessagesAndNoneMaySendThere() {
        for (String queue : new String[] {"muster.rejected", "DLQ", "ExpiryQueue"}) {
            assertThat(allowed(roleAt(queue, "observe"))).as(queue).isEmpty();
            assertThat(allowed(roleAt(queue, "submit"))).as(queue).isEmpty();
            assertThat(allowed(roleAt(queue, "admin"))).as(queue).containsExactlyInAnyOrder(CheckType.CONSUME,
                    CheckType.BROWSE);
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
