package io.muster.config;

import java.time.Duration;

/**
 * What a server needs to share its database and its jobs with other servers: the database's
 * login, how long a server's hold on the jobs it follows lasts without a heartbeat, and the name
 * of the host its local pool runs on.
 *
 * @param databaseUser     login for {@code database.url}, or null for none (the embedded H2 needs none)
 * @param databasePassword its password, or null for none
 * @param leaseTime        a server that has not renewed its lease for this long is dead: another
 *                         takes over the jobs it followed
 * @param hostName         the host this server's local pool runs on, as the servers sharing the
 *                         database name it (a dead server's local jobs are followed only by a
 *                         server of the same host), or null for the machine's name
 */
public record ScaleOut(String databaseUser, String databasePassword, Duration leaseTime, String hostName) {

    public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(30);
    /** The lease is renewed this many times within its time, so a late heartbeat or two costs nothing. */
    public static final int HEARTBEATS_PER_LEASE = 3;

    public ScaleOut {
        leaseTime = leaseTime == null ? DEFAULT_LEASE_TIME : leaseTime;
        if (leaseTime.toMillis() < Settings.LEASE_TIME.min() || leaseTime.toMillis() > Settings.LEASE_TIME.max()) {
            throw new IllegalArgumentException("setting " + Settings.LEASE_TIME.id() + " must be from "
                    + Settings.LEASE_TIME.min() + " ms to " + Settings.LEASE_TIME.max() + " ms, was "
                    + leaseTime.toMillis() + " ms");
        }
        if (hostName != null && !hostName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("setting " + Settings.LOCAL_HOST.id() + " must be a host name (letters,"
                    + " digits, '.', '_', '-', at most 63), was '" + hostName + "'");
        }
        if (databasePassword != null && databaseUser == null) {
            throw new IllegalArgumentException("setting " + Settings.DATABASE_PASSWORD.id() + " is set but "
                    + Settings.DATABASE_USER.id() + " is not: set the login the password belongs to");
        }
    }

    public static ScaleOut defaults() {
        return new ScaleOut(null, null, DEFAULT_LEASE_TIME, null);
    }

    /** How often a server renews its lease. */
    public Duration heartbeat() {
        return leaseTime.dividedBy(HEARTBEATS_PER_LEASE);
    }

    /** Never the password: a configuration is logged and shown. */
    @Override
    public String toString() {
        return "ScaleOut[databaseUser=" + databaseUser + ", databasePassword=" + (databasePassword == null ? null : "(set, not shown)")
                + ", leaseTime=" + leaseTime + ", hostName=" + hostName + "]";
    }
}
