package io.muster.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The one database the job store and JBeret's job repository share: an H2 file in the data
 * directory by default.
 */
public final class Database implements AutoCloseable {

    private final String url;
    private final JdbcDataSource dataSource;

    public Database(String url) {
        this.url = url;
        this.dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("muster");
        dataSource.setPassword("");
    }

    public static Database h2File(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the database directory " + dir, e);
        }
        return new Database("jdbc:h2:file:" + dir.resolve("muster") + ";DB_CLOSE_ON_EXIT=FALSE");
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
        if (!url.startsWith("jdbc:h2:")) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StoreException("cannot shut the database down cleanly", e);
        }
    }
}
