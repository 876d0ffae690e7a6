package io.muster.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptor;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.ServiceRegistry;
import org.apache.activemq.artemis.core.server.cluster.ClusterConnection;
import org.apache.activemq.artemis.core.server.impl.ServiceRegistryImpl;
import org.apache.activemq.artemis.spi.core.protocol.ProtocolManager;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.spi.core.remoting.BufferHandler;
import org.apache.activemq.artemis.spi.core.remoting.ServerConnectionLifeCycleListener;
import org.apache.activemq.artemis.utils.ActiveMQThreadFactory;
import org.apache.activemq.artemis.utils.ActiveMQThreadPoolExecutor;

/**
 * The bounds of the embedded broker's thread pools, where Artemis sets none or one that grows with
 * the cores: the broker's IO pool and its in-VM acceptor's, which it makes unbounded, and the
 * global client pools of the process. The first two are made of ordered executors (one task at a
 * time each), and Artemis backs them with a cached pool, which makes a new thread whenever no
 * thread is idle at the very moment a task comes. Under a burst of 10,000 submissions that grew
 * to 25–31 IO threads and 17–27 in-VM ones, although neither pool ever has more than a few
 * tasks at once: the broker's threads then went over 100 with nothing to do for most of them.
 *
 * <p>A bounded pool queues a task when all its threads are busy. That is safe here because the
 * number of ordered executors that may wait on each other is known and below the bound:
 * <ul>
 *   <li>IO: only the journal storage uses the IO pool, three executors per journal (append,
 *       files, compactor; two journals) and one of its own, seven in all. The append executor
 *       may wait for the files executor to open a file, so the bound must leave a thread for
 *       each of them: {@value #IO_THREADS}.</li>
 *   <li>In-VM acceptor: one executor per in-VM connection, whose tasks hand packets to the
 *       server and never wait for another connection's (replies to the client go out on the
 *       client's own executor). A server holds four such connections (submissions, events,
 *       control and flow requests), a client in the same process one more each.</li>
 * </ul>
 * Both pools keep no thread idle for more than 60 s, as Artemis's own pools do.
 *
 * <p>The clients' side of the in-VM connections (Muster's own in the server, a client in the same
 * process) runs on Artemis's global client pools, 8 threads per core by default; a busy server
 * grew both to 16 on 2 cores. {@link #boundClientPools} caps them at {@value #CLIENT_THREADS}.
 * Their tasks hand a received packet to its session or wake a waiting sender, and each session
 * runs one message listener at a time; Muster's listeners (control and flow requests, the
 * client's replies) never wait for another listener, and the client's callbacks run on its own
 * threads.
 */
final class BrokerPools {

    static final int IO_THREADS = 8;
    static final int IN_VM_THREADS = 8;
    static final int CLIENT_THREADS = 8;
    /** The name of the in-VM acceptor, by which the registry hands Artemis its factory. */
    static final String IN_VM_ACCEPTOR = "in-vm";

    private final ExecutorService io = pool(IO_THREADS, "muster-broker-io");
    private final ExecutorService inVm = pool(IN_VM_THREADS, "muster-broker-in-vm");

    /** A registry that gives the broker these pools: pass it to the server before it starts. */
    ServiceRegistry registry() {
        ServiceRegistryImpl registry = new ServiceRegistryImpl();
        registry.setIOExecutorService(io);
        registry.addAcceptorFactory(IN_VM_ACCEPTOR, new InVMAcceptorFactory() {
            @Override
            public Acceptor createAcceptor(String name, ClusterConnection clusterConnection,
                                           Map<String, Object> configuration, BufferHandler handler,
                                           ServerConnectionLifeCycleListener listener, Executor threadPool,
                                           ScheduledExecutorService scheduledThreadPool,
                                           Map<String, ProtocolManager> protocolMap) {
                // the same acceptor Artemis makes, on this pool instead of the remoting service's cached one
                return new InVMAcceptor(name, clusterConnection, configuration, handler, listener, protocolMap, inVm);
            }
        });
        return registry;
    }

    /**
     * Caps the global client pools of this process, which the in-VM connector's pool takes its size
     * from when the first in-VM connection is made; pools already made keep their size. Call before
     * the first client connects. A smaller size set by the user (a system property) is kept.
     */
    static void boundClientPools() {
        int size = ActiveMQClient.getGlobalThreadPoolSize();
        if (size < 0 || size > CLIENT_THREADS) {
            ActiveMQClient.setGlobalThreadPoolProperties(CLIENT_THREADS,
                    ActiveMQClient.getGlobalScheduledThreadPoolSize(), ActiveMQClient.getGlobalFlowControlThreadPoolSize());
        }
    }

    /** Ends the pools' threads; Artemis does not stop pools it was given. Call after the broker stopped. */
    void shutdown() {
        for (ExecutorService pool : List.of(io, inVm)) {
            pool.shutdown();
        }
        try {
            for (ExecutorService pool : List.of(io, inVm)) {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutorService pool(int threads, String name) {
        return new ActiveMQThreadPoolExecutor(0, threads, 60, TimeUnit.SECONDS,
                new ActiveMQThreadFactory(name, true, BrokerPools.class.getClassLoader()));
    }
}
