package io.muster.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The one database the job store and JBeret's job repository share: an H2 file in the data
 * directory by default.
 */
public final class Database implements AutoCloseable {

    /** Connections kept open for JBeret's repository, which takes one per operation. */
    static final int MAX_CONNECTIONS = 64;

    private final String url;
    private final JdbcConnectionPool dataSource;

    public Database(String url) {
        this.url = url;
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("muster");
        h2.setPassword("");
        // opening an H2 session costs more than the statement JBeret runs on it: keep them
        this.dataSource = JdbcConnectionPool.create(h2);
        dataSource.setMaxConnections(MAX_CONNECTIONS);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    /** H2 stays open while any session is; SHUTDOWN writes it out and lets the next start open it. */
    @Override
    public void close() {
        try {
            if (url.startsWith("jdbc:h2:")) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException e) {
                    throw new StoreException("cannot shut the database down cleanly", e);
                }
            }
        } finally {
            dataSource.dispose();
        }
    }
}
