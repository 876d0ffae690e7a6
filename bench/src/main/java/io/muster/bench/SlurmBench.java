package io.muster.bench;

import io.muster.api.Destinations;
import io.muster.cli.Container;
import io.muster.cli.Logs;
import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.server.MusterServer;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The Muster half of {@code bench/slurm-bench.sh}: starts Muster in this process with the Slurm
 * backend on, submits N trivial jobs over JMS as a client would, and waits for N final events.
 * Prints {@code muster_seconds=S} and the states seen. A few jobs on the local pool first pay for
 * the batch runtime's start and the JIT's warm-up, which a running server has long paid.
 *
 * <p>Usage: {@code java -cp muster.jar io.muster.cli.SlurmBench N [POLL_MS] [DATA_DIR]}
 */
public final class SlurmBench {

    private static final int WARM_UP = 20;

    private SlurmBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long pollMs = args.length > 1 ? Long.parseLong(args[1]) : GridSettings.DEFAULT_POLL_INTERVAL.toMillis();
        Path data = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("muster-bench");
        Logs.configure(true);
        WeldContainer container = Container.start();
        MusterServer muster = container.select(MusterServer.class).get();
        GridSettings slurm = GridSettings.defaults("slurm").withMode(GridSettings.Mode.ON)
                .withPollInterval(Duration.ofMillis(pollMs));
        muster.start(new MusterConfig(data, MusterConfig.DEFAULT_BROKER_HOST, 0, 1, 1024, Math.max(64, n + 16))
                .withSlurm(slurm));
        Map<String, AtomicInteger> states = new ConcurrentHashMap<>();
        try (Connection connection = muster.broker().connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            CountDownLatch warm = new CountDownLatch(WARM_UP);
            CountDownLatch done = new CountDownLatch(n);
            listening.createConsumer(listening.createTopic(Destinations.EVENTS_TOPIC), "group IN ('GOOD', 'BAD')")
                    .setMessageListener(m -> {
                        try {
                            if ("local".equals(m.getStringProperty("backend"))) {
                                warm.countDown();
                                return;
                            }
                            states.computeIfAbsent(m.getStringProperty("state"), s -> new AtomicInteger())
                                    .incrementAndGet();
                            done.countDown();
                        } catch (jakarta.jms.JMSException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            connection.start();
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.SUBMIT_QUEUE));
            for (int i = 0; i < WARM_UP; i++) {
                producer.send(session.createTextMessage("{\"command\": \"true\", \"backend\": \"local\"}"));
            }
            if (!warm.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the warm-up jobs on the local pool did not end within 120 s");
            }

            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(session.createTextMessage(
                        "{\"command\": \"true\", \"backend\": \"slurm\", \"name\": \"bench" + i + "\"}"));
            }
            long sent = System.nanoTime();
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException(done.getCount() + " of " + n + " jobs did not end within 30 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("muster_submit_seconds=%.3f%n", (sent - start) / 1e9);
            System.out.printf("muster_seconds=%.3f%n", seconds);
            System.out.println("muster_states=" + states);
        } finally {
            muster.stop();
            container.shutdown();
        }
        System.exit(0);
    }
}
