package io.muster.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The one database the job store and JBeret's job repository share: an H2 file in the data
 * directory by default, or PostgreSQL ({@code jdbc:postgresql://…}) when several servers share it.
 *
 * <p>A database over the network (PostgreSQL, an H2 server, {@code jdbc:h2:tcp:…}) can go away and come back;
 * the connections the pool kept are broken then. For such a URL each connection handed out is
 * checked first ({@code SELECT 1}), and a broken one drops the whole pool for a new one, so the
 * server works again once the database does. An embedded database cannot go away: its connections
 * are not checked.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    /** Connections kept open for JBeret's repository, which takes one per operation. */
    static final int MAX_CONNECTIONS = 64;
    static final int VALID_SECONDS = 2;

    /** Seconds a new PostgreSQL connection may take to open before the database counts as unreachable. */
    static final int CONNECT_SECONDS = 10;

    private final String url;
    private final String user;
    private final String password;
    private final Dialect dialect;
    private final boolean remote;
    private volatile JdbcConnectionPool pool;
    private volatile boolean outage;
    private final DataSource dataSource = new Pooled();

    /** H2 by URL alone (the embedded default and tests); H2 takes any login. */
    public Database(String url) {
        this(url, null, null);
    }

    /**
     * @param user     the login, or null for none (H2 then logs in as {@code muster})
     * @param password its password, or null for none
     * @throws IllegalArgumentException for a URL of a database Muster has no driver for
     */
    public Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.dialect = Dialect.of(url);
        this.remote = dialect == Dialect.POSTGRESQL || url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:");
        this.pool = newPool();
    }

    private JdbcConnectionPool newPool() {
        // opening a session costs more than the statement JBeret runs on it: keep them (H2's pool
        // takes any driver's ConnectionPoolDataSource)
        JdbcConnectionPool p = JdbcConnectionPool.create(switch (dialect) {
            case H2 -> h2();
            case POSTGRESQL -> postgresql();
        });
        p.setMaxConnections(MAX_CONNECTIONS);
        return p;
    }

    private ConnectionPoolDataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user == null ? "muster" : user);
        h2.setPassword(password == null ? "" : password);
        return h2;
    }

    private ConnectionPoolDataSource postgresql() {
        PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
        pg.setURL(url);
        if (user != null) {
            pg.setUser(user);
        }
        if (password != null) {
            pg.setPassword(password);
        }
        pg.setConnectTimeout(CONNECT_SECONDS);
        pg.setLoginTimeout(CONNECT_SECONDS);
        return pg;
    }

    /** Whether other servers may use this database too (a database server, not an embedded file). */
    public boolean shared() {
        return remote;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Held while a schema is made; released by close. */
    public interface SchemaLock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Holds the database's schema lock until closed, so that servers starting together do not
     * make the same tables at once (JBeret's repository makes its tables when it is built). On
     * H2, whose file only one server opens, there is nothing to hold.
     */
    public SchemaLock schemaLock() {
        if (dialect != Dialect.POSTGRESQL) {
            return () -> { };
        }
        try {
            Connection c = connection();
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + Dialect.SCHEMA_LOCK + ")");
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            return () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + Dialect.SCHEMA_LOCK + ")");
                } catch (SQLException e) {
                    // a broken connection: its session ended, and with it the lock
                } finally {
                    closeQuietly(c);
                }
            };
        } catch (SQLException e) {
            throw new StoreException("cannot take the schema lock of " + url, e);
        }
    }

    /**
     * Opens one connection and asks the database something, so a wrong login or an unreachable
     * server shows at start rather than at the first job.
     *
     * @throws SQLException the driver's reason
     */
    public void check() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    private Connection connection() throws SQLException {
        JdbcConnectionPool p = pool;
        if (!remote) {
            return p.getConnection();
        }
        // a kept connection may be broken: the pool's own reset of it (a rollback) fails then, or
        // the check does; a new connection that cannot be made says why itself on the retry below
        Connection c = null;
        try {
            c = p.getConnection();
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(VALID_SECONDS);
                s.execute("SELECT 1");
            }
            outage = false;
            return c;
        } catch (SQLException e) {
            if (c != null) {
                closeQuietly(c);
            }
            // the database went away since this connection was made: so did every other one kept
            synchronized (this) {
                if (pool == p) {
                    // once per outage: while it lasts every try ends here
                    if (!outage) {
                        LOG.warning(() -> "the database at " + url + " broke its connections (" + e.getMessage()
                                + "); opening new ones");
                    }
                    outage = true;
                    pool = newPool();
                    p.dispose();
                }
            }
            return pool.getConnection();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // it was broken
        }
    }

    /** H2 stays open while any session is; SHUTDOWN writes it out and lets the next start open it. */
    @Override
    public void close() {
        try {
            if (dialect == Dialect.H2) {
                try (Connection c = connection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException e) {
                    throw new StoreException("cannot shut the database down cleanly", e);
                }
            }
        } finally {
            pool.dispose();
        }
    }

    /** The pool of the moment, as one DataSource that outlives a change of pool. */
    private final class Pooled implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return connection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pool logs in by itself");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            throw new SQLException("not a wrapper of " + iface.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }
    }
}
