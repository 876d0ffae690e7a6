package io.muster.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The servers sharing one database, one row each: a server holds a lease on the jobs it follows
 * (the jobs whose owner it is) for as long as it renews its row within its lease time. A row not
 * renewed in time is a dead server's: {@link #expired} finds it, {@link #forget} removes it, and
 * its jobs are then taken over ({@link JobStore#takeOver}).
 *
 * <p>Times are the database's own ({@code CURRENT_TIMESTAMP}), so servers on hosts whose clocks
 * disagree still agree on who is dead. The table is made with the job store's.
 */
public final class ServerLeases {

    private final DataSource dataSource;
    private final String id;
    /** Set when a call could not reach the database, until {@link #expired} next reads it. */
    private volatile boolean unreachable;
    /**
     * The database's time when {@link #expired} first read it after this server could not reach it:
     * no lease counts as run out until a lease time after that, so that every server, cut off just
     * as this one was, has had its time to renew.
     */
    private volatile Instant backAt;

    /** @param id this server's id: {@link #newId} */
    public ServerLeases(DataSource dataSource, String id) {
        this.dataSource = dataSource;
        this.id = id;
    }

    /** A server id that names its host first ({@code HOST/PID/RANDOM}): its jobs' host is known after its death. */
    public static String newId(String host) {
        return host + "/" + ProcessHandle.current().pid() + "/"
                + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    /** The host in a server id made by {@link #newId}; empty for an empty id (jobs of no owner). */
    public static String hostOf(String serverId) {
        int slash = serverId.indexOf('/');
        return slash < 0 ? serverId : serverId.substring(0, slash);
    }

    public String id() {
        return id;
    }

    /** Takes the lease: this server's row, renewed from now on. */
    public void register(String host, Duration lease) {
        run("cannot register server " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO MUSTER_SERVER (ID, HOST, STARTED_AT, RENEWED_AT,"
                    + " LEASE_MS) VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)")) {
                ps.setString(1, id);
                ps.setString(2, host);
                ps.setLong(3, lease.toMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Renews the lease. False when this server's row is gone: it was found dead (it did not renew
     * in time) and its jobs may have been taken over.
     */
    public boolean renew() {
        return run("cannot renew the lease of server " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE MUSTER_SERVER SET RENEWED_AT = CURRENT_TIMESTAMP WHERE ID = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Gives the lease up (a clean stop): the jobs it followed may be taken over at once. */
    public void release() {
        run("cannot release the lease of server " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM MUSTER_SERVER WHERE ID = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Other servers whose lease has run out, by the database's clock. After this server could not
     * reach the database (it restarted, failed over, or the network dropped), a lease counts as run
     * out only once its whole lease time has passed since the database answered again: the others
     * could not renew while it was away either, and a server that judged them at once would take
     * every live one for dead.
     */
    public List<String> expired() {
        return run("cannot read the servers' leases", c -> {
            Instant now;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
                rs.next();
                now = rs.getTimestamp(1).toInstant();
            }
            if (unreachable) {
                unreachable = false;
                backAt = now;
            }
            Instant back = backAt;
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ID, RENEWED_AT, LEASE_MS FROM MUSTER_SERVER")) {
                while (rs.next()) {
                    Timestamp renewed = rs.getTimestamp(2);
                    long leaseMs = rs.getLong(3);
                    boolean hadItsTime = back == null || back.plusMillis(leaseMs).isBefore(now);
                    if (!rs.getString(1).equals(id) && renewed.toInstant().plusMillis(leaseMs).isBefore(now)
                            && hadItsTime) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Every other server: for a database only one server can open (the embedded H2 file), where any other row is stale. */
    public List<String> others() {
        return run("cannot read the servers' leases", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM MUSTER_SERVER WHERE ID <> ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Removes a dead server's row, so its jobs count as nobody's (see {@link JobStore#ownersWithoutLease}). */
    public void forget(String deadId) {
        run("cannot remove the lease of server " + deadId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM MUSTER_SERVER WHERE ID = ?")) {
                ps.setString(1, deadId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The {@code local.host} of every server that holds a lease (this one's included): the pools {@code local@HOST} can name. */
    public java.util.Set<String> hosts() {
        return run("cannot read the servers' hosts", c -> {
            java.util.Set<String> out = new java.util.TreeSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT HOST FROM MUSTER_SERVER")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** How many servers hold a lease (this one included). */
    public int count() {
        return run("cannot count the servers", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM MUSTER_SERVER")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(String what, Sql<T> sql) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return sql.run(c);
        } catch (SQLException e) {
            unreachable = true;
            throw new StoreException(what + ": " + e.getMessage(), e);
        }
    }
}
