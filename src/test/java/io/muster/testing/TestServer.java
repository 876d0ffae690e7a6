package io.muster.testing;

import io.muster.config.ExternalBrokerSettings;
import io.muster.config.MusterConfig;
import io.muster.server.MusterServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A whole Muster server in the test's JVM, through Weld SE as {@code muster server} starts it:
 * its own data directory and a free TCP port on loopback (never 61616, which a developer's own
 * server may hold), so tests can talk to it as outside clients do.
 */
public final class TestServer implements AutoCloseable {

    private final WeldContainer container;
    private final MusterServer server;
    private final int port;
    /** The broker of broker.url, or null for the embedded one. */
    private final ExternalBrokerSettings external;
    /** The PostgreSQL schema of an external variant, dropped at close; null on the H2 file. */
    private TestDatabase.Fresh database;

    private TestServer(Path dataDir, int cores, UnaryOperator<MusterConfig> settings) throws Exception {
        this(dataDir, cores, null, settings);
    }

    private TestServer(Path dataDir, int cores, ExternalBrokerSettings external, UnaryOperator<MusterConfig> settings)
            throws Exception {
        this.external = external;
        port = external == null ? freePort() : 0;
        container = io.muster.cli.Container.start("muster-test-" + UUID.randomUUID());
        server = container.select(MusterServer.class).get();
        MusterConfig base = new MusterConfig(dataDir, MusterConfig.DEFAULT_BROKER_HOST, port, cores,
                MusterConfig.defaultLocalMemoryMb(), MusterConfig.DEFAULT_BATCH_THREADS);
        if (external != null) {
            base = base.withExternalBroker(external);
            if (System.getenv(TestDatabase.URL_ENV) != null) {
                // a schema of its own on the shared PostgreSQL, so no earlier run's jobs or leases are in it
                database = TestDatabase.POSTGRESQL.open();
                base = base.withDatabase(database.url(), TestDatabase.user(), TestDatabase.password());
            }
        }
        try {
            server.start(settings.apply(base));
        } catch (Exception | Error e) {
            container.shutdown();
            closeDatabase();
            throw e;
        }
    }

    /**
     * A server that is a client of an external broker ({@code broker.url}) instead of embedding
     * one, on a schema of its own of the PostgreSQL of {@code MUSTER_TEST_DATABASE_URL} when that is
     * set (else its own H2 file); {@link #url()} is then that broker's.
     */
    public static TestServer onBroker(Path dataDir, int cores, ExternalBrokerSettings broker,
                                      UnaryOperator<MusterConfig> settings) throws Exception {
        return new TestServer(dataDir, cores, broker, settings);
    }

    /**
     * Settings of a server that shares {@code db} with others, on the host it names {@code host}
     * ({@code local.host}; null for the machine's), with a lease of 5 s so a takeover comes soon.
     */
    public static UnaryOperator<MusterConfig> sharing(TestDatabase.Fresh db, String host) {
        return c -> c.withDatabase(db.url(), TestDatabase.user(), TestDatabase.password())
                .withScaleOut(new io.muster.config.ScaleOut(TestDatabase.user(), TestDatabase.password(),
                        java.time.Duration.ofSeconds(5), host));
    }

    public static TestServer start(Path dataDir, int cores) throws Exception {
        return new TestServer(dataDir, cores, UnaryOperator.identity());
    }

    /** A server whose settings the test changes first ({@code c -> c.withBrokerUsers(file)}); the port stays its own. */
    public static TestServer start(Path dataDir, int cores, UnaryOperator<MusterConfig> settings) throws Exception {
        return new TestServer(dataDir, cores, settings);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Where clients connect: the embedded broker's TCP port, or the external broker's URL. */
    public String url() {
        return external != null ? external.url() : "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public MusterServer server() {
        return server;
    }

    /** One of this server's beans, for a test that stops or looks at a part of it. */
    public <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    public Path workRoot() {
        return server.config().workRoot();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            container.shutdown();
            closeDatabase();
        }
    }

    private void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
