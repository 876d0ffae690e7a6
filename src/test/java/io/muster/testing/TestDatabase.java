package io.muster.testing;

import io.muster.store.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases the store runs on, each giving a test an empty one of its own: H2 in memory, and
 * the PostgreSQL server of {@code MUSTER_TEST_DATABASE_URL} (started by
 * {@code server-config/postgres/start.sh}), where each test gets a schema of its own that is
 * dropped again. Without that server a local run skips the PostgreSQL case and says why; CI fails it.
 */
public enum TestDatabase {
    H2,
    POSTGRESQL;

    public static final String URL_ENV = "MUSTER_TEST_DATABASE_URL";
    public static final String USER_ENV = "MUSTER_TEST_DATABASE_USER";
    public static final String PASSWORD_ENV = "MUSTER_TEST_DATABASE_PASSWORD";

    /** Both, for {@code @MethodSource("io.muster.testing.TestDatabase#both")}. */
    public static Stream<TestDatabase> both() {
        return Stream.of(values());
    }

    /** An empty database; closing it closes the {@link Database} and drops what the test made. */
    public Fresh open() {
        return switch (this) {
            case H2 -> new Fresh(new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), null);
            case POSTGRESQL -> {
                String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
                try (Connection c = admin(); Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + schema);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot make schema " + schema + ": " + e.getMessage(), e);
                }
                yield new Fresh(new Database(inSchema(schema), user(), password()), schema);
            }
        };
    }

    /** The URL of the test server with {@code schema} as its search path. */
    public static String inSchema(String schema) {
        String url = url();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The PostgreSQL server's URL; skips (or fails, in CI) when it is not set or does not answer. */
    public static String url() {
        String url = System.getenv(URL_ENV);
        RealService.require(url == null ? URL_ENV + " is not set (server-config/postgres/start.sh starts the"
                + " PostgreSQL the tests use; .ci/run sets it)" : null);
        try (Connection c = DriverManager.getConnection(url, user(), password())) {
            RealService.require(null);
        } catch (SQLException e) {
            RealService.require("the PostgreSQL of " + URL_ENV + " (" + url + ") does not answer: " + e.getMessage());
        }
        return url;
    }

    public static String user() {
        return System.getenv().getOrDefault(USER_ENV, "muster");
    }

    public static String password() {
        return System.getenv().getOrDefault(PASSWORD_ENV, "muster");
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /** A database made for one test. */
    public static final class Fresh implements AutoCloseable {
        private final Database database;
        private final String schema;

        private Fresh(Database database, String schema) {
            this.database = database;
            this.schema = schema;
        }

        public Database database() {
            return database;
        }

        /** The JDBC URL of this database, for a server to be started on it ({@code database.url}). */
        public String url() {
            return schema == null ? null : inSchema(schema);
        }

        @Override
        public void close() {
            database.close();
            if (schema != null) {
                try (Connection c = admin(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
