package io.muster.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The one database the job store and JBeret's job repository share: an H2 file in the data
 * directory by default.
 *
 * <p>A database over the network (an H2 server, {@code jdbc:h2:tcp:…}) can go away and come back;
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

    private final String url;
    private final boolean remote;
    private volatile JdbcConnectionPool pool;
    private final DataSource dataSource = new Pooled();

    public Database(String url) {
        this.url = url;
        this.remote = url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:");
        this.pool = newPool();
    }

    private JdbcConnectionPool newPool() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("muster");
        h2.setPassword("");
        // opening an H2 session costs more than the statement JBeret runs on it: keep them
        JdbcConnectionPool p = JdbcConnectionPool.create(h2);
        p.setMaxConnections(MAX_CONNECTIONS);
        return p;
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
        try {
            Connection c = p.getConnection();
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(VALID_SECONDS);
                s.execute("SELECT 1");
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            return c;
        } catch (SQLException e) {
            // the database went away since this connection was made: so did every other one kept
            synchronized (this) {
                if (pool == p) {
                    LOG.warning(() -> "the database at " + url + " broke its connections (" + e.getMessage()
                            + "); opening new ones");
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
            if (url.startsWith("jdbc:h2:")) {
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
