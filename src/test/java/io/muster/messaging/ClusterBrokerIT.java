package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.JobState;
import io.muster.config.ExternalBrokerSettings;
import io.muster.store.JobStore;
import io.muster.testing.ArtemisBroker;
import io.muster.testing.SubmissionJson;
import io.muster.testing.TestDatabase;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Muster as a client of a 2-node Artemis cluster ({@code cluster-node.xml}: static connectors,
 * redistribution), the nodes this test's own: submissions sent to either node run; with one node
 * killed (kill -9) submissions on the other still run, every job Muster had accepted ends, once,
 * and once the node is back the cluster keeps running work. (What sits unread on a node where no
 * Muster server consumes waits there: Artemis moved such messages to the other node in some runs
 * here and not in others, so this test does not count on it; README, "Scaling out".)
 */
class ClusterBrokerIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path scratch;

    @Test
    void submissionsOnEitherNodeRunAndKillingANodeLosesNothing() throws Exception {
        Path markers = Files.createDirectories(scratch.resolve("markers"));
        List<ArtemisBroker> nodes = ArtemisBroker.cluster(scratch.resolve("cluster"));
        ArtemisBroker one = nodes.get(0);
        ArtemisBroker two = nodes.get(1);
        String url = "(" + one.url() + "," + two.url() + ")";
        try (one; two;
             TestServer muster = TestServer.onBroker(scratch.resolve("server"), 2,
                     new ExternalBrokerSettings(url, "muster", "muster-test"), c -> c)) {
            List<String> sent = new ArrayList<>();
            sent.addAll(send(one, markers, 10));
            sent.addAll(send(two, markers, 10));
            awaitCompleted(muster.server().store(), sent, markers);

            // sent to node one just before it dies: those Muster took (accepted) must end, once
            List<String> beforeKill = send(one, markers, 5);
            one.kill();
            // sent to node two during the outage: they run, but may wait for node one's return when
            // node two had moved them towards the consumer it knew there before Muster's link came to
            // node two (the cluster's store-and-forward queue; README, "Scaling out"), so they are
            // awaited after the return
            List<String> onTwo = send(two, markers, 10);

            one.start();
            List<String> afterReturn = send(two, markers, 10);
            awaitCompleted(muster.server().store(), onTwo, markers);
            awaitCompleted(muster.server().store(), afterReturn, markers);
            List<String> accepted = beforeKill.stream().filter(id -> muster.server().store().findByRequestId(id)
                    .isPresent()).toList();
            awaitCompleted(muster.server().store(), accepted, markers);
            // one that sat unread on node one is no job yet: it never ran (it runs when a consumer reaches it)
            for (String id : beforeKill) {
                if (!accepted.contains(id)) {
                    assertThat(markers.resolve(id)).doesNotExist();
                }
            }
        }
    }

    /**
     * Issue 15's topology: two servers on one database, each reading on a node of its own (its
     * node first in its list, which the first-element policy keeps). Node one is killed: what is
     * sent to node two runs while node one is down, read there by the second server; once node
     * one is back, what is sent to it runs too, and every job Muster took ends once.
     */
    @Test
    void twoServersEachOnANodeOfItsOwnKeepRunningWhatReachesTheLiveNode() throws Exception {
        Path markers = Files.createDirectories(scratch.resolve("markers"));
        List<ArtemisBroker> nodes = ArtemisBroker.cluster(scratch.resolve("cluster"));
        ArtemisBroker one = nodes.get(0);
        ArtemisBroker two = nodes.get(1);
        try (one; two; TestDatabase.Fresh db = TestDatabase.POSTGRESQL.open();
             TestServer first = TestServer.onBroker(scratch.resolve("first"), 2, preferring(one, two), TestServer.sharing(db, null));
             TestServer second = TestServer.onBroker(scratch.resolve("second"), 2, preferring(two, one), TestServer.sharing(db, null))) {
            List<String> sent = new ArrayList<>(send(one, markers, 10));
            sent.addAll(send(two, markers, 10));
            awaitCompleted(first.server().store(), sent, markers);

            List<String> beforeKill = send(one, markers, 5);
            one.kill();
            List<String> duringOutage = send(two, markers, 10);
            awaitCompleted(second.server().store(), duringOutage, markers);

            one.start();
            List<String> afterReturn = send(one, markers, 10);
            awaitCompleted(first.server().store(), afterReturn, markers);
            List<String> accepted = beforeKill.stream().filter(id -> first.server().store().findByRequestId(id)
                    .isPresent()).toList();
            awaitCompleted(first.server().store(), accepted, markers);
        }
    }

    /** The cluster's nodes as a list that keeps to its first answering member. */
    private static ExternalBrokerSettings preferring(ArtemisBroker node, ArtemisBroker other) {
        return new ExternalBrokerSettings("(" + node.url() + "," + other.url() + ")?connectionLoadBalancingPolicyClassName="
                + "org.apache.activemq.artemis.api.core.client.loadbalance.FirstElementConnectionLoadBalancingPolicy"
                + "&useTopologyForLoadBalancing=false",
                "muster", "muster-test");
    }


    /** Persistent submissions (as a client should send them) with request ids; no reply wanted. */
    private static List<String> send(ArtemisBroker node, Path markers, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = new ActiveMQConnectionFactory(node.url()).createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("muster.submit"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < n; i++) {
                String id = "cluster-" + UUID.randomUUID();
                producer.send(session.createTextMessage(SubmissionJson.command("echo ran >> " + markers.resolve(id))
                        .backend("local").requestId(id).json()));
                ids.add(id);
            }
        }
        return ids;
    }

    /** Each request id became one job that completed and ran once (one line in its marker). */
    private static void awaitCompleted(JobStore store, List<String> requestIds, Path markers) {
        for (String id : requestIds) {
            await().atMost(WAIT).until(() -> store.findByRequestId(id).map(j -> j.state() == JobState.COMPLETED)
                    .orElse(false));
        }
        for (String id : requestIds) {
            assertThat(markers.resolve(id)).content().as(id).isEqualTo("ran\n");
        }
    }
}
