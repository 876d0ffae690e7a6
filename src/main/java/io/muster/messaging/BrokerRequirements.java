package io.muster.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.config.ConfigException;
import io.muster.config.ExternalBrokerSettings;
import io.muster.api.Destinations;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * What Muster needs of a broker it does not run: the addresses it sends to and reads from, with
 * their routing types and queues, and the settings its redelivery and dead letters rely on
 * ({@code server-config/artemis/broker.xml} has them all). A missing address or queue is created
 * where the broker lets Muster's login create it; a missing or different setting, or an address the
 * broker will not create, is a {@link ConfigException} in one line naming the broker, the address
 * and what to apply.
 */
final class BrokerRequirements {

    private static final Logger LOG = Logger.getLogger(BrokerRequirements.class.getName());
    static final String MANAGEMENT = "activemq.management";
    static final String APPLY = "apply server-config/artemis/broker.xml (README, \"Scaling out\")";

    /**
     * An address Muster uses: anycast ones hold one durable queue of the same name, a ring of
     * {@code ringSize} messages where that is not -1 (unbounded).
     */
    record Needed(String address, RoutingType routing, long ringSize) {
        Needed(String address, RoutingType routing) {
            this(address, routing, -1);
        }
    }

    static final List<Needed> ADDRESSES = List.of(
            new Needed(Destinations.SUBMIT_QUEUE, RoutingType.ANYCAST),
            new Needed(Destinations.EVENTS_TOPIC, RoutingType.MULTICAST),
            new Needed(Destinations.CONTROL_QUEUE, RoutingType.ANYCAST),
            new Needed(Destinations.FLOWS_QUEUE, RoutingType.ANYCAST),
            new Needed(Destinations.REJECTED_QUEUE, RoutingType.ANYCAST, Destinations.REJECTED_KEPT),
            new Needed(Destinations.DEAD_LETTER_QUEUE, RoutingType.ANYCAST));

    private final ClientSession session;
    private final ExternalBrokerSettings broker;

    BrokerRequirements(ClientSession session, ExternalBrokerSettings broker) {
        this.session = session;
        this.broker = broker;
    }

    void check() {
        for (Needed needed : ADDRESSES) {
            address(needed);
        }
        settings(Destinations.SUBMIT_QUEUE);
    }

    private void address(Needed needed) {
        SimpleString name = SimpleString.of(needed.address());
        try {
            ClientSession.AddressQuery a = session.addressQuery(name);
            if (!a.isExists()) {
                create(needed, "has no address " + needed.address(), () -> session.createAddress(name,
                        EnumSet.of(needed.routing()), false));
                a = session.addressQuery(name);
            }
            boolean routes = needed.routing() == RoutingType.ANYCAST ? a.isSupportsAnycast() : a.isSupportsMulticast();
            if (!routes) {
                throw missing("has address " + needed.address() + " without "  + word(needed.routing()) + " routing");
            }
            if (needed.routing() == RoutingType.ANYCAST) {
                ClientSession.QueueQuery q = session.queueQuery(name);
                if (!q.isExists()) {
                    create(needed, "has no queue " + needed.address() + " on address " + needed.address(),
                            () -> session.createQueue(QueueConfiguration.of(name).setAddress(name)
                                    .setRoutingType(RoutingType.ANYCAST).setDurable(true).setAutoCreated(false)
                                    .setRingSize(needed.ringSize())));
                } else if (q.getRoutingType() != RoutingType.ANYCAST || !q.isDurable()) {
                    throw missing("has queue " + needed.address() + " " + (q.isDurable() ? "" : "not durable, ")
                            + word(q.getRoutingType()) + "; Muster needs a durable anycast queue");
                } else if (needed.ringSize() > 0 && (q.getRingSize() == null || q.getRingSize() < 0)) {
                    // it works without, but whoever may submit could fill the broker's disk with refusals
                    LOG.warning(() -> "the broker at " + broker.url() + " has queue " + needed.address()
                            + " without a ring-size: it keeps every refused submission for ever; give it ring-size=\""
                            + needed.ringSize() + "\" (" + APPLY + ")");
                }
            }
        } catch (ActiveMQException e) {
            throw missing("did not answer a look-up of address " + needed.address() + " (" + ExternalBroker.oneLine(e) + ")");
        }
    }

    @FunctionalInterface
    private interface Creation {
        void run() throws ActiveMQException;
    }

    private void create(Needed needed, String lack, Creation creation) {
        try {
            creation.run();
            LOG.info(() -> "the broker at " + broker.url() + " " + lack.replaceFirst("^has", "had") + "; Muster created it (" + word(needed.routing())
                    + ", durable); put it in the broker's configuration to keep it there");
        } catch (ActiveMQException e) {
            throw missing(lack + " (" + word(needed.routing()) + ") and refused to create it ("
                    + ExternalBroker.oneLine(e) + ")");
        }
    }

    /** Dead letters and redelivery on {@code muster.submit}: read through the broker's management address. */
    private void settings(String address) {
        JsonNode s = addressSettings(address);
        String dla = s.path("DLA").asText(s.path("deadLetterAddress").asText(""));
        if (!Destinations.DEAD_LETTER_QUEUE.equals(dla)) {
            throw missing("has address-setting dead-letter-address of " + address + " is '" + dla + "', not "
                    + Destinations.DEAD_LETTER_QUEUE);
        }
        int attempts = s.path("maxDeliveryAttempts").asInt(-2);
        if (attempts != SubmissionListener.MAX_DELIVERY_ATTEMPTS) {
            throw missing("has address-setting max-delivery-attempts of " + address + " is " + attempts + ", not "
                    + SubmissionListener.MAX_DELIVERY_ATTEMPTS + " (Muster answers a submission on its last attempt)");
        }
        long delay = s.path("redeliveryDelay").asLong(0);
        if (delay <= 0) {
            throw missing("has address-setting redelivery-delay of " + address + " is " + delay
                    + " ms: a failing submission would come back at once");
        }
        if (broker.url().startsWith("(")) {
            long redistribution = s.path("redistributionDelay").asLong(-1);
            if (redistribution < 0) {
                throw missing("has address-setting redistribution-delay of " + address + " is " + redistribution
                        + " (off): in a cluster, submissions sent to a node without a Muster would wait there");
            }
        }
    }

    private JsonNode addressSettings(String address) {
        try (ClientRequestor requestor = new ClientRequestor(session, MANAGEMENT)) {
            ClientMessage m = session.createMessage(false);
            ManagementHelper.putOperationInvocation(m, ResourceNames.BROKER, "getAddressSettingsAsJSON", address);
            ClientMessage reply = requestor.request(m, 10_000);
            if (reply == null) {
                throw missing("gave no answer on " + MANAGEMENT + " to reading the address-settings of " + address);
            }
            Object result = ManagementHelper.getResult(reply, String.class);
            if (!ManagementHelper.hasOperationSucceeded(reply)) {
                throw missing("refused reading the address-settings of " + address + " on " + MANAGEMENT + " ("
                        + result + "): Muster's login needs there what muster-security-settings.xml gives role muster");
            }
            return Submissions.JSON.readTree(String.valueOf(result));
        } catch (ConfigException e) {
            throw e;
        } catch (Exception e) {
            throw missing("did not let Muster read the address-settings of " + address + " on " + MANAGEMENT + " ("
                    + ExternalBroker.oneLine(e) + "): Muster's login needs there what muster-security-settings.xml gives role muster");
        }
    }

    private static String word(RoutingType routing) {
        return routing == null ? "without a routing type" : routing.name().toLowerCase(java.util.Locale.ROOT);
    }

    private ConfigException missing(String what) {
        return new ConfigException("setting broker.url: the broker at " + broker.url() + " " + what + "; " + APPLY);
    }
}
