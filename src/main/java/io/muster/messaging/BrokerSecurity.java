package io.muster.messaging;

import static org.apache.activemq.artemis.core.security.CheckType.BROWSE;
import static org.apache.activemq.artemis.core.security.CheckType.CONSUME;
import static org.apache.activemq.artemis.core.security.CheckType.CREATE_ADDRESS;
import static org.apache.activemq.artemis.core.security.CheckType.CREATE_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.CREATE_NON_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.DELETE_ADDRESS;
import static org.apache.activemq.artemis.core.security.CheckType.DELETE_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.DELETE_NON_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.EDIT;
import static org.apache.activemq.artemis.core.security.CheckType.MANAGE;
import static org.apache.activemq.artemis.core.security.CheckType.SEND;
import static org.apache.activemq.artemis.core.security.CheckType.VIEW;

import io.muster.api.Destinations;
import io.muster.config.BrokerUsers;
import io.muster.config.UserRole;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * Who may log in to the embedded broker and what each may do, when {@code broker.users} is set.
 *
 * <p>Every listed user has the broker roles named as her {@link UserRole}s, those they include
 * added ({@code admin} also has {@code submit} and {@code observe}). Muster's own in-process
 * clients log in as {@value BrokerUsers#INTERNAL_USER} with a password made at each start and
 * kept in memory only, role {@value #SERVER_ROLE}, which may do everything everywhere. Artemis
 * applies the most specific match only (roles are not merged across matches), so every match
 * below names every role, and a larger role may do there whatever a smaller one may.
 *
 * <ul>
 *   <li>{@code #}: every role may send, consume, browse, create and delete queues and create
 *       addresses: what temporary reply queues and event subscriptions need.</li>
 *   <li>{@code muster.control}, {@code muster.flows}: every role may send, none may read (no one
 *       reads somebody else's requests). What a request may do is the listener's to decide,
 *       by the sender's login: views for every role, changes for submitters and admins.</li>
 *   <li>{@code muster.submit}: {@code submit} and {@code admin} may send, no one may read.</li>
 *   <li>{@code muster.events}: every role may subscribe, none may publish; only Muster publishes
 *       events, which every subscriber trusts.</li>
 *   <li>{@code muster.rejected}, {@code DLQ}, {@code ExpiryQueue}: {@code admin} may consume and
 *       browse; the others nothing, as these hold other users' submissions.</li>
 * </ul>
 */
final class BrokerSecurity {

    static final String SERVER_ROLE = "muster-server";

    /** What every role may do where no narrower rule says otherwise. */
    static final Set<CheckType> USER_DEFAULT = EnumSet.of(SEND, CONSUME, BROWSE, CREATE_NON_DURABLE_QUEUE,
            DELETE_NON_DURABLE_QUEUE, CREATE_DURABLE_QUEUE, DELETE_DURABLE_QUEUE, CREATE_ADDRESS);
    /**
     * Event subscriptions: a queue of one's own on the address, and reading it. STOMP and MQTT
     * subscriptions also "create" the address they subscribe to (a no-op, as it exists, but
     * checked): without CREATE_ADDRESS their subscriptions are refused. Still no SEND.
     */
    static final Set<CheckType> SUBSCRIBE = EnumSet.of(CONSUME, BROWSE, CREATE_NON_DURABLE_QUEUE,
            DELETE_NON_DURABLE_QUEUE, CREATE_DURABLE_QUEUE, DELETE_DURABLE_QUEUE, CREATE_ADDRESS);
    /** Reading what is already queued, without making or removing queues. */
    static final Set<CheckType> READ = EnumSet.of(CONSUME, BROWSE);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BrokerUsers users;
    private final String internalPassword;

    BrokerSecurity(BrokerUsers users) {
        this.users = users;
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        this.internalPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The users file this broker was started with. */
    BrokerUsers users() {
        return users;
    }

    /** The internal login's password: for this process's own connection factories, never to be written out. */
    String internalPassword() {
        return internalPassword;
    }

    /** Checks logins against the users file (and the internal login) in memory, through JAAS's in-VM module. */
    ActiveMQSecurityManager securityManager() {
        SecurityConfiguration logins = new SecurityConfiguration();
        users.passwords().forEach((name, password) -> {
            logins.addUser(name, password);
            users.roles(name).forEach(role -> logins.addRole(name, role.word()));
        });
        logins.addUser(BrokerUsers.INTERNAL_USER, internalPassword);
        logins.addRole(BrokerUsers.INTERNAL_USER, SERVER_ROLE);
        // no default user: a client that gives no name is refused, not let in as somebody
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), logins);
    }

    /** The broker's security settings: address match to the roles allowed there. */
    static Map<String, Set<Role>> roles() {
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        roles.put("#", rule(UserRole.OBSERVE, USER_DEFAULT));
        // the listeners check each request against the sender's roles
        roles.put(Destinations.CONTROL_QUEUE, rule(UserRole.OBSERVE, EnumSet.of(SEND)));
        roles.put(Destinations.FLOWS_QUEUE, rule(UserRole.OBSERVE, EnumSet.of(SEND)));
        roles.put(Destinations.SUBMIT_QUEUE, rule(UserRole.SUBMIT, EnumSet.of(SEND)));
        roles.put(Destinations.EVENTS_TOPIC, rule(UserRole.OBSERVE, SUBSCRIBE));
        // the dead-letter and expiry addresses of server-config/broker.xml
        for (String adminOnly : List.of(Destinations.REJECTED_QUEUE, Destinations.DEAD_LETTER_QUEUE, "ExpiryQueue")) {
            roles.put(adminOnly, rule(UserRole.ADMIN, READ));
        }
        return roles;
    }

    /**
     * One match's roles: {@code allowed} for {@code least} and every role that includes it,
     * nothing for the smaller ones, everything for Muster's own login. Each role is named, so
     * no role falls back to a broader match (Artemis would not look there).
     */
    private static Set<Role> rule(UserRole least, Set<CheckType> allowed) {
        Set<Role> rule = new HashSet<>();
        rule.add(role(SERVER_ROLE, EnumSet.allOf(CheckType.class)));
        for (UserRole user : UserRole.values()) {
            rule.add(role(user.word(), user.grants(least) ? allowed : EnumSet.noneOf(CheckType.class)));
        }
        return Set.copyOf(rule);
    }

    static Role role(String name, Set<CheckType> allowed) {
        // Artemis 2.40's full constructor; its order is not the enum's, so each flag is named here
        return new Role(name, allowed.contains(SEND), allowed.contains(CONSUME), allowed.contains(CREATE_DURABLE_QUEUE),
                allowed.contains(DELETE_DURABLE_QUEUE), allowed.contains(CREATE_NON_DURABLE_QUEUE),
                allowed.contains(DELETE_NON_DURABLE_QUEUE), allowed.contains(MANAGE), allowed.contains(BROWSE),
                allowed.contains(CREATE_ADDRESS), allowed.contains(DELETE_ADDRESS), allowed.contains(VIEW),
                allowed.contains(EDIT));
    }
}
