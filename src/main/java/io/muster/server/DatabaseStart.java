package io.muster.server;

import io.muster.config.ConfigException;
import io.muster.config.MusterConfig;
import io.muster.config.Settings;
import io.muster.store.Database;
import io.muster.store.Dialect;
import java.sql.SQLException;

/**
 * Opens the configured database and asks it one thing before anything else starts, so that a
 * wrong login, a missing database or an unreachable server stops the start with one line naming
 * the setting to fix and the database's reason.
 */
final class DatabaseStart {

    private DatabaseStart() {
    }

    /** @throws ConfigException naming database.url, database.user or database.password */
    static Database open(MusterConfig settings) {
        String url = settings.jdbcUrl();
        String user = settings.scaleOut().databaseUser();
        Database database = new Database(url, user, settings.scaleOut().databasePassword());
        boolean embedded = database.dialect() == Dialect.H2 && settings.databaseUrl() == null;
        try {
            database.check();
            return database;
        } catch (SQLException e) {
            // the embedded file: nothing to reach, but another server may hold its lock
            ConfigException stop = new ConfigException(embedded ? inUse(settings, e) : reason(url, user, e));
            try {
                database.close();
            } catch (RuntimeException closing) {
                stop.addSuppressed(closing);
            }
            throw stop;
        }
    }

    /** H2's "Database may be already in use" (90020): another server opened this data directory's file. */
    static final int H2_IN_USE = 90020;

    static String inUse(MusterConfig settings, SQLException e) {
        if (e.getErrorCode() != H2_IN_USE) {
            return "setting " + Settings.DATA_DIR.id() + ": cannot open the database in " + settings.dataDir() + ": "
                    + firstLine(e.getMessage());
        }
        return "setting " + Settings.DATA_DIR.id() + ": the database in " + settings.dataDir() + " is in use by"
                + " another process (a Muster server on the same data directory?): " + firstLine(e.getMessage())
                + "; give each server a data directory of its own, or let several share a PostgreSQL database"
                + " (README, \"Scaling out\")";
    }

    static String reason(String url, String user, SQLException e) {
        String why = firstLine(e.getMessage());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            // invalid_authorization_specification, invalid_password
            return "setting " + Settings.DATABASE_PASSWORD.id() + ": the database at " + url + " refused the login of "
                    + Settings.DATABASE_USER.id() + " " + (user == null ? "(not set)" : "'" + user + "'") + ": " + why;
        }
        if (state.equals("3D000")) {
            return "setting " + Settings.DATABASE_URL.id() + " " + url + " names a database its server does not have: "
                    + why;
        }
        return "setting " + Settings.DATABASE_URL.id() + ": cannot reach the database at " + url + ": " + why;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
