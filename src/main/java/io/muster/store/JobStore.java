package io.muster.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import io.muster.job.Placement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The job store: one row per job, one row per state change. The row is written before the
 * submission message is committed, so from ACCEPTED on a job survives a crash of the server.
 *
 * <p>Plain JDBC that H2 (the embedded default) and PostgreSQL both accept, but for a column type
 * and H2's CHECKPOINT (see {@link Dialect}). Writes go through
 * one connection under a lock: the store is far from the bottleneck (a process start costs
 * more than a row) and one connection keeps the embedded database open.
 */
public class JobStore implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final DataSource dataSource;
    /** Remade from the pool when the database closed it (a database server that went away and came back). */
    private Connection connection;
    /** Closed by {@link #close}: then a closed connection stays closed (calls still running after a stop fail). */
    private boolean closed;
    /**
     * H2 keeps commits in memory for up to a second before writing them out. A new job must be in
     * the file before its message is committed, so that a killed server still finds it: one
     * CHECKPOINT per durable transaction (a batch of accepted jobs, a chunk of handed-over ones),
     * a group commit, rather than a write per commit for every statement.
     */
    private final boolean flushAfterInsert;
    private final Dialect dialect;
    /** The server that stores new jobs here, and so follows them; null in tests of the store alone. */
    private final String owner;

    public JobStore(DataSource dataSource) {
        this(dataSource, null);
    }

    /** @param owner the id of the server that follows the jobs it stores (see {@link ServerLeases}) */
    public JobStore(DataSource dataSource, String owner) {
        this.owner = owner;
        try {
            this.dataSource = dataSource;
            this.connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            this.dialect = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()) ? Dialect.POSTGRESQL
                    : Dialect.H2;
            this.flushAfterInsert = dialect == Dialect.H2;
            createTables();
        } catch (SQLException e) {
            throw new StoreException("cannot open the job store", e);
        }
    }

    private Connection connection() throws SQLException {
        if (!closed && connection.isClosed()) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /**
     * Creates the tables, or adds what a newer version needs to older ones, under a lock: stores
     * that open together would otherwise make the same table at once, and one of them fail. On
     * PostgreSQL the lock is the database's (servers on several hosts), in the transaction of the DDL.
     */
    private void createTables() throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            inTransaction(() -> "cannot create the job store's tables", () -> {
                try (Statement s = connection().createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + Dialect.SCHEMA_LOCK + ")");
                }
                createOrMigrate();
            }, false);
        } else {
            // H2's DDL is not transactional; stores opening one H2 database are in one process
            synchronized (JobStore.class) {
                createOrMigrate();
            }
        }
    }

    private void createOrMigrate() throws SQLException {
        String text = dialect.longText();
        try (Statement s = connection().createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS MUSTER_JOB (
                      ID VARCHAR(40) PRIMARY KEY,
                      REQUEST_ID VARCHAR(200),
                      NAME VARCHAR(200),
                      COMMAND %s NOT NULL,
                      BACKEND VARCHAR(20) NOT NULL,
                      PROFILE VARCHAR(100),
                      OPTIONS %s NOT NULL,
                      STATE VARCHAR(30) NOT NULL,
                      SCHEDULER_ID VARCHAR(100),
                      EXIT_CODE INT,
                      REASON VARCHAR(2000),
                      SUBMITTED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
                      STARTED_AT TIMESTAMP WITH TIME ZONE,
                      ENDED_AT TIMESTAMP WITH TIME ZONE,
                      WORK_DIR VARCHAR(1000) NOT NULL)""".formatted(text, text));
            s.execute("CREATE UNIQUE INDEX IF NOT EXISTS MUSTER_JOB_REQUEST ON MUSTER_JOB(REQUEST_ID)");
            s.execute("CREATE INDEX IF NOT EXISTS MUSTER_JOB_STATE ON MUSTER_JOB(STATE)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS MUSTER_JOB_HISTORY (
                      JOB_ID VARCHAR(40) NOT NULL,
                      STATE VARCHAR(30) NOT NULL,
                      AT TIMESTAMP WITH TIME ZONE NOT NULL,
                      REASON VARCHAR(2000))""");
            s.execute("CREATE INDEX IF NOT EXISTS MUSTER_JOB_HISTORY_JOB ON MUSTER_JOB_HISTORY(JOB_ID)");
            // added after the first release: ALTER keeps existing databases readable
            s.execute("ALTER TABLE MUSTER_JOB ADD COLUMN IF NOT EXISTS USER_NAME VARCHAR(200)");
            s.execute("ALTER TABLE MUSTER_JOB ADD COLUMN IF NOT EXISTS PARTITION_NAME VARCHAR(200)");
            s.execute("ALTER TABLE MUSTER_JOB ADD COLUMN IF NOT EXISTS RESUBMIT_OF VARCHAR(40)");
            // where the backend put the job, from its status call (the queue view's columns)
            s.execute("ALTER TABLE MUSTER_JOB ADD COLUMN IF NOT EXISTS NODE_LIST VARCHAR(2000)");
            s.execute("ALTER TABLE MUSTER_JOB ADD COLUMN IF NOT EXISTS NODE_COUNT INT");
            s.execute("ALTER TABLE MUSTER_JOB ADD COLUMN IF NOT EXISTS CPUS INT");
            s.execute("CREATE INDEX IF NOT EXISTS MUSTER_JOB_USER ON MUSTER_JOB(USER_NAME)");
            // the order of a job's moves: several written in one batch share their time
            s.execute("ALTER TABLE MUSTER_JOB_HISTORY ADD COLUMN IF NOT EXISTS SEQ BIGINT GENERATED BY DEFAULT AS IDENTITY");
            // servers sharing the database: which one follows a job, and the leases they hold
            s.execute("ALTER TABLE MUSTER_JOB ADD COLUMN IF NOT EXISTS OWNER VARCHAR(200)");
            s.execute("CREATE INDEX IF NOT EXISTS MUSTER_JOB_OWNER ON MUSTER_JOB(OWNER)");
            // a cancel asked of a server that does not own the job, for its owner to carry out
            s.execute("ALTER TABLE MUSTER_JOB ADD COLUMN IF NOT EXISTS CANCEL_ASKED BOOLEAN DEFAULT FALSE NOT NULL");
            // a cancel of a local job its owner has accepted (answered CANCELLING) and not yet seen
            // end: the pool holds it in memory only, so a restart must find it here and honour it
            s.execute("ALTER TABLE MUSTER_JOB ADD COLUMN IF NOT EXISTS CANCEL_ACCEPTED BOOLEAN DEFAULT FALSE NOT NULL");
            // the broker's id of the message a job came in: a message delivered again, after the server
            // that stored its job died before it could commit the message, is answered with that job
            // (a table of its own, written once per job: an index on MUSTER_JOB would be kept up by
            // each of the job's state writes too)
            s.execute("""
                    CREATE TABLE IF NOT EXISTS MUSTER_JOB_MESSAGE (
                      MESSAGE_ID VARCHAR(200) PRIMARY KEY,
                      JOB_ID VARCHAR(40) NOT NULL)""");
            // the jobs whose end is stored and whose event has not been published yet: written with
            // the end, removed once the event left, so a start publishes the ends a crash kept in
            // the publisher's memory
            s.execute("""
                    CREATE TABLE IF NOT EXISTS MUSTER_JOB_UNANNOUNCED (
                      JOB_ID VARCHAR(40) PRIMARY KEY)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS MUSTER_SERVER (
                      ID VARCHAR(200) PRIMARY KEY,
                      HOST VARCHAR(100) NOT NULL,
                      STARTED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
                      RENEWED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
                      LEASE_MS BIGINT NOT NULL)""");
        }
    }

    /**
     * Stores a new job. If a job with the same request id exists, nothing is written and that
     * job is returned: a client that sends the same request twice gets one job.
     */
    public JobRecord insertOrGet(JobRecord job) {
        return insertAll(List.of(job)).get(0);
    }

    /**
     * Stores new jobs in one transaction, and makes that transaction durable before returning (a
     * caller commits the submissions' messages next). For each job, in order, the stored job: itself,
     * or the one stored earlier (or earlier in this list) with the same request id.
     */
    public List<JobRecord> insertAll(List<JobRecord> jobs) {
        return insertAll(jobs, null);
    }

    /**
     * As {@link #insertAll(List)}, each job with the broker's id of the message it came in (null
     * for none): a job stored under the same message id, or the same request id, is returned
     * instead of a new one. A message is delivered again when the server that read it stored its
     * job and died before it committed the message; the server it goes to then answers with that
     * job, whether or not the submission had a request id.
     *
     * @param messageIds one per job, or null for none at all
     */
    public synchronized List<JobRecord> insertAll(List<JobRecord> jobs, List<String> messageIds) {
        List<JobRecord> out = new ArrayList<>(jobs.size());
        List<JobRecord> fresh = new ArrayList<>(jobs.size());
        List<String> freshMessages = new ArrayList<>(jobs.size());
        // one look-up of the batch's request ids and one of its message ids, not one of each per job
        Map<String, JobRecord> byRequest = storedBy("J.REQUEST_ID", "FROM MUSTER_JOB J",
                jobs.stream().map(JobRecord::requestId).toList());
        Map<String, JobRecord> byMessage = storedBy("M.MESSAGE_ID",
                "FROM MUSTER_JOB J JOIN MUSTER_JOB_MESSAGE M ON M.JOB_ID = J.ID",
                messageIds == null ? List.of() : messageIds);
        for (int i = 0; i < jobs.size(); i++) {
            JobRecord job = jobs.get(i);
            String message = messageIds == null ? null : messageIds.get(i);
            JobRecord same = job.requestId() == null ? null : byRequest.get(job.requestId());
            if (same == null && message != null) {
                same = byMessage.get(message);
            }
            if (same != null) {
                out.add(same);
                continue;
            }
            if (job.requestId() != null) {
                byRequest.put(job.requestId(), job);
            }
            if (message != null) {
                byMessage.put(message, job);
            }
            fresh.add(job);
            freshMessages.add(message);
            out.add(job);
        }
        if (fresh.isEmpty()) {
            return out;
        }
        inTransaction(() -> "cannot store jobs " + ids(fresh), () -> {
            try (PreparedStatement ps = connection().prepareStatement("""
                    INSERT INTO MUSTER_JOB (ID, REQUEST_ID, NAME, COMMAND, BACKEND, PROFILE, OPTIONS, STATE, SCHEDULER_ID,
                      EXIT_CODE, REASON, SUBMITTED_AT, STARTED_AT, ENDED_AT, WORK_DIR, USER_NAME, PARTITION_NAME, OWNER)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement messages = connection().prepareStatement(
                         "INSERT INTO MUSTER_JOB_MESSAGE (MESSAGE_ID, JOB_ID) VALUES (?, ?)")) {
                boolean anyMessage = false;
                for (int i = 0; i < fresh.size(); i++) {
                    JobRecord job = fresh.get(i);
                    ps.setString(1, job.id().value());
                    ps.setString(2, job.requestId());
                    ps.setString(3, job.name());
                    ps.setString(4, job.command());
                    ps.setString(5, job.backend());
                    ps.setString(6, job.profile());
                    ps.setString(7, toJson(job.options()));
                    ps.setString(8, job.state().name());
                    ps.setString(9, job.schedulerId());
                    setInt(ps, 10, job.exitCode());
                    ps.setString(11, job.reason());
                    setTime(ps, 12, job.submitted());
                    setTime(ps, 13, job.started());
                    setTime(ps, 14, job.ended());
                    ps.setString(15, job.workDir().toString());
                    ps.setString(16, job.user());
                    ps.setString(17, job.partition());
                    ps.setString(18, owner);
                    ps.addBatch();
                    if (freshMessages.get(i) != null) {
                        messages.setString(1, freshMessages.get(i));
                        messages.setString(2, job.id().value());
                        messages.addBatch();
                        anyMessage = true;
                    }
                }
                ps.executeBatch();
                if (anyMessage) {
                    messages.executeBatch();
                }
            }
            history(fresh);
        }, true);
        return out;
    }

    /**
     * Writes what may change after submission: state, backend, scheduler id, exit code, reason,
     * times, and where the backend put the job (partition, nodes, CPUs).
     */
    public void update(JobRecord job, boolean stateChanged) {
        updateAll(List.of(new Update(job, stateChanged)), false);
    }

    /** One job's new record for {@link #updateAll}; {@code stateChanged} adds a history row. */
    public record Update(JobRecord job, boolean stateChanged) {
    }

    /**
     * Writes many jobs' changes in one transaction. A job whose row holds a final state already
     * keeps it, and ends only once: a final state never changes, nor is it entered a second time,
     * whoever writes (a server paused past its lease, say, whose jobs another ended or took over
     * meanwhile, and whose pool then saw them end). Such a job's change is not written, and its id
     * is returned; a change that moves no state may still add to a final record (a late detail). {@code durable} makes it reach the file before
     * returning (a scheduler id just handed out must survive a crash, or the job would be handed
     * over twice); otherwise H2 writes it within its write delay.
     */
    public synchronized Set<JobId> updateAll(List<Update> updates, boolean durable) {
        if (updates.isEmpty()) {
            return Set.of();
        }
        Set<JobId> endedBefore = new java.util.HashSet<>();
        // A job that moved twice in one batch (RUNNING then COMPLETED, say) gets one row write, of
        // its last record, and a history row for each move.
        Map<JobId, JobRecord> latest = new LinkedHashMap<>();
        Set<JobId> moved = new java.util.HashSet<>();
        for (Update u : updates) {
            latest.put(u.job().id(), u.job());
            if (u.stateChanged()) {
                moved.add(u.job().id());
            }
        }
        inTransaction(() -> "cannot update jobs " + ids(List.copyOf(latest.values())), () -> {
            try (PreparedStatement ps = connection().prepareStatement("""
                    UPDATE MUSTER_JOB SET BACKEND = ?, STATE = ?, SCHEDULER_ID = ?, EXIT_CODE = ?, REASON = ?,
                      STARTED_AT = ?, ENDED_AT = ?, PARTITION_NAME = ?, NODE_LIST = ?, NODE_COUNT = ?, CPUS = ?
                      WHERE ID = ? AND (STATE IN (%s) OR (STATE = ? AND ? = 0))""".formatted(unfinishedStates()))) {
                for (JobRecord job : latest.values()) {
                    ps.setString(1, job.backend());
                    ps.setString(2, job.state().name());
                    ps.setString(3, job.schedulerId());
                    setInt(ps, 4, job.exitCode());
                    ps.setString(5, job.reason());
                    setTime(ps, 6, job.started());
                    setTime(ps, 7, job.ended());
                    Placement where = job.placement();
                    ps.setString(8, job.partition());
                    ps.setString(9, where == null ? null : where.nodes());
                    setInt(ps, 10, where == null ? null : where.nodeCount());
                    setInt(ps, 11, where == null ? null : where.cpus());
                    ps.setString(12, job.id().value());
                    ps.setString(13, job.state().name());
                    ps.setInt(14, moved.contains(job.id()) ? 1 : 0);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                List<JobId> written = List.copyOf(latest.keySet());
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        if (find(written.get(i)).isEmpty()) {
                            throw new StoreException("job " + written.get(i) + " is not in the store", null);
                        }
                        endedBefore.add(written.get(i));
                    }
                }
            }
            history(updates.stream().filter(Update::stateChanged).map(Update::job)
                    .filter(j -> !endedBefore.contains(j.id())).toList());
            unannounced(latest.values().stream().filter(j -> j.state().isFinal() && moved.contains(j.id())
                    && !endedBefore.contains(j.id())).map(JobRecord::id).toList());
        }, durable);
        return endedBefore;
    }

    /** Records, in the transaction that stores their ends, jobs whose final event is yet to be published. */
    private void unannounced(List<JobId> ended) throws SQLException {
        if (ended.isEmpty()) {
            return;
        }
        forEachId("INSERT INTO MUSTER_JOB_UNANNOUNCED (JOB_ID) VALUES (?)", ended);
    }

    /** Runs {@code sql}, whose one parameter is a job id, once per id, in one statement batch. */
    private void forEachId(String sql, java.util.Collection<JobId> ids) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            for (JobId id : ids) {
                ps.setString(1, id.value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The jobs whose end is stored and whose final event was not published. */
    public List<JobId> unannouncedEnds() {
        return unannouncedEnds(false);
    }

    /**
     * As {@link #unannouncedEnds()}; with {@code ofServersWithoutLease}, only those of jobs whose
     * owner holds no lease (a dead server's, whose publisher will never send them), not those a
     * live server is about to publish.
     */
    public synchronized List<JobId> unannouncedEnds(boolean ofServersWithoutLease) {
        List<JobId> out = new ArrayList<>();
        String sql = !ofServersWithoutLease ? "SELECT JOB_ID FROM MUSTER_JOB_UNANNOUNCED"
                : "SELECT U.JOB_ID FROM MUSTER_JOB_UNANNOUNCED U JOIN MUSTER_JOB J ON J.ID = U.JOB_ID"
                        + " WHERE J.OWNER IS NULL OR J.OWNER NOT IN (SELECT ID FROM MUSTER_SERVER)";
        try (PreparedStatement ps = connection().prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(JobId.of(rs.getString(1)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the ends not yet announced", e);
        }
    }

    /**
     * The final events of these jobs were published. Not made durable: should the removal be lost
     * in a crash, the next start publishes the events again, with the same ids.
     */
    public synchronized void announced(java.util.Collection<JobId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        inTransaction(() -> "cannot record the events of jobs " + ids + " as published",
                () -> forEachId("DELETE FROM MUSTER_JOB_UNANNOUNCED WHERE JOB_ID = ?", ids), false);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction on the store's connection; rolled back whole on failure.
     * {@code what} is only made for a failure: joining a batch's ids cost every batch that went well.
     */
    private void inTransaction(java.util.function.Supplier<String> what, Work work, boolean durable) {
        try {
            connection().setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            if (durable && flushAfterInsert) {
                flush();
            }
        } catch (SQLException e) {
            throw new StoreException(what.get(), e);
        }
    }

    private static String ids(List<JobRecord> jobs) {
        String all = jobs.stream().map(j -> j.id().value()).collect(Collectors.joining(", "));
        return all.length() > 200 ? all.substring(0, 200) + "…" : all;
    }

    private void flush() throws SQLException {
        try (Statement s = connection().createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    private void history(List<JobRecord> jobs) throws SQLException {
        if (jobs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection().prepareStatement(
                "INSERT INTO MUSTER_JOB_HISTORY (JOB_ID, STATE, AT, REASON) VALUES (?, ?, ?, ?)")) {
            Instant now = Instant.now();
            for (JobRecord job : jobs) {
                ps.setString(1, job.id().value());
                ps.setString(2, job.state().name());
                setTime(ps, 3, now);
                ps.setString(4, job.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public synchronized Optional<JobRecord> find(JobId id) {
        return queryOne("SELECT * FROM MUSTER_JOB WHERE ID = ?", id.value());
    }

    public synchronized Optional<JobRecord> findByRequestId(String requestId) {
        return queryOne("SELECT * FROM MUSTER_JOB WHERE REQUEST_ID = ?", requestId);
    }

    /** The job that came in the broker's message {@code messageId} (see {@link #insertAll(List, List)}). */
    public synchronized Optional<JobRecord> findByMessageId(String messageId) {
        return queryOne("SELECT J.* FROM MUSTER_JOB J JOIN MUSTER_JOB_MESSAGE M ON M.JOB_ID = J.ID"
                + " WHERE M.MESSAGE_ID = ?", messageId);
    }

    /** Jobs in any of the given states, oldest first. */
    public synchronized List<JobRecord> findInStates(Set<JobState> states) {
        String in = states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return query("SELECT * FROM MUSTER_JOB WHERE STATE IN (" + in + ") ORDER BY SUBMITTED_AT, ID");
    }

    public List<JobRecord> findUnfinished() {
        Set<JobState> unfinished = EnumSet.noneOf(JobState.class);
        for (JobState state : JobState.values()) {
            if (!state.isFinal()) {
                unfinished.add(state);
            }
        }
        return findInStates(unfinished);
    }

    /** Jobs matching the filter, oldest first (with a limit: the most recent ones, still oldest first). */
    public synchronized List<JobRecord> find(JobFilter filter) {
        List<String> params = new ArrayList<>();
        String where = where(filter, params);
        if (filter.limit() == null || filter.limit() == 0) {
            return query("SELECT * FROM MUSTER_JOB" + where + " ORDER BY SUBMITTED_AT, ID", params.toArray(String[]::new));
        }
        List<JobRecord> newest = query("SELECT * FROM MUSTER_JOB" + where + " ORDER BY SUBMITTED_AT DESC, ID DESC LIMIT "
                + filter.limit(), params.toArray(String[]::new));
        java.util.Collections.reverse(newest);
        return newest;
    }

    /** How many jobs match the filter, per state (states with none are left out); the limit is ignored. */
    public synchronized Map<JobState, Integer> countByState(JobFilter filter) {
        List<String> params = new ArrayList<>();
        String sql = "SELECT STATE, COUNT(*) FROM MUSTER_JOB" + where(filter, params) + " GROUP BY STATE";
        Map<JobState, Integer> counts = new java.util.EnumMap<>(JobState.class);
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(JobState.valueOf(rs.getString(1)), rs.getInt(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException("cannot count jobs", e);
        }
    }

    private static String where(JobFilter filter, List<String> params) {
        List<String> clauses = new ArrayList<>();
        if (filter.states() != null) {
            if (filter.states().isEmpty()) {
                clauses.add("1 = 0");
            } else {
                // enum names only, never user text: safe to inline
                clauses.add("STATE IN (" + filter.states().stream().map(s -> "'" + s.name() + "'").sorted()
                        .collect(Collectors.joining(",")) + ")");
            }
        }
        if (filter.user() != null) {
            clauses.add("USER_NAME = ?");
            params.add(filter.user());
        }
        if (filter.backend() != null) {
            clauses.add("BACKEND = ?");
            params.add(filter.backend());
        }
        if (filter.partition() != null) {
            clauses.add("PARTITION_NAME = ?");
            params.add(filter.partition());
        }
        if (filter.name() != null) {
            clauses.add("NAME LIKE ? ESCAPE '\\'");
            params.add(filter.nameLike());
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** The server that follows the job, or empty when none does (a job stored before servers had ids). */
    public synchronized Optional<String> owner(JobId id) {
        try (PreparedStatement ps = connection().prepareStatement("SELECT OWNER FROM MUSTER_JOB WHERE ID = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the owner of job " + id, e);
        }
    }

    /** The id of the server this store stores jobs for, or null. */
    public String ownerId() {
        return owner;
    }

    /** Asks the job's owner to cancel it (it runs where only its owner can reach it). */
    public synchronized void askCancel(JobId id) {
        try (PreparedStatement ps = connection().prepareStatement("UPDATE MUSTER_JOB SET CANCEL_ASKED = TRUE WHERE ID = ?")) {
            ps.setString(1, id.value());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot ask for the cancel of job " + id, e);
        }
    }

    /**
     * Records, durably, that the cancel of these local jobs was accepted: written before the pool
     * is told and the client answered CANCELLING, so that a server killed before the jobs end
     * still cancels them after its restart ({@link #cancelsAcceptedOrAsked}).
     */
    public synchronized void acceptCancels(List<JobId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        inTransaction(() -> "cannot record the cancel of jobs " + ids,
                () -> forEachId("UPDATE MUSTER_JOB SET CANCEL_ACCEPTED = TRUE WHERE ID = ?", ids), true);
    }

    /**
     * The unfinished jobs whose cancel was accepted ({@link #acceptCancels}), or asked of their owner
     * ({@link #askCancel}) and not yet taken up by it: a restart or a takeover ends them CANCELLED.
     * An asked cancel counts because its owner may die before it takes the request up; the client
     * was told the owner is asked, so the server taking the job over must not run it.
     */
    public synchronized java.util.Set<JobId> cancelsAcceptedOrAsked() {
        String sql = "SELECT ID FROM MUSTER_JOB WHERE (CANCEL_ACCEPTED = TRUE OR CANCEL_ASKED = TRUE) AND STATE IN ("
                + unfinishedStates() + ")";
        java.util.Set<JobId> out = new java.util.HashSet<>();
        try (PreparedStatement ps = connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(JobId.of(rs.getString(1)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the cancels accepted", e);
        }
    }

    /**
     * The unfinished jobs of this store's server whose cancel another server asked for, each
     * handed out once: the request is cleared as it is read, and recorded as accepted in the same
     * durable transaction, so that it survives a crash of this server before the jobs end.
     */
    public synchronized List<JobRecord> takeCancelsAsked() {
        List<JobRecord> asked = query("SELECT * FROM MUSTER_JOB WHERE OWNER = ? AND CANCEL_ASKED = TRUE AND STATE IN ("
                + unfinishedStates() + ")", owner);
        if (asked.isEmpty()) {
            return asked;
        }
        inTransaction(() -> "cannot clear the cancels asked", () -> {
            try (PreparedStatement ps = connection().prepareStatement(
                    "UPDATE MUSTER_JOB SET CANCEL_ASKED = FALSE, CANCEL_ACCEPTED = TRUE WHERE ID = ?")) {
                for (JobRecord job : asked) {
                    ps.setString(1, job.id().value());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }, true);
        return asked;
    }

    /**
     * The owners of unfinished jobs that hold no lease (no row in the servers' table): servers that
     * stopped, or died and were found dead. An empty string stands for jobs of no owner.
     */
    public synchronized List<String> ownersWithoutLease() {
        String sql = "SELECT DISTINCT COALESCE(OWNER, '') FROM MUSTER_JOB WHERE STATE IN (" + unfinishedStates() + ")"
                + " AND (OWNER IS NULL OR OWNER NOT IN (SELECT ID FROM MUSTER_SERVER))";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the owners of unfinished jobs", e);
        }
    }

    /**
     * Makes this store's server the owner of the unfinished jobs of {@code from} (empty: of no
     * owner), one job at a time on the condition that {@code from} still owns it, so of servers
     * taking over at once each job goes to exactly one. Returns the jobs this server took, oldest first.
     */
    public synchronized List<JobRecord> takeOver(String from) {
        String whose = from.isEmpty() ? "OWNER IS NULL" : "OWNER = ?";
        List<JobRecord> candidates = from.isEmpty()
                ? query("SELECT * FROM MUSTER_JOB WHERE " + whose + " AND STATE IN (" + unfinishedStates() + ")"
                        + " ORDER BY SUBMITTED_AT, ID")
                : query("SELECT * FROM MUSTER_JOB WHERE " + whose + " AND STATE IN (" + unfinishedStates() + ")"
                        + " ORDER BY SUBMITTED_AT, ID", from);
        if (candidates.isEmpty()) {
            return List.of();
        }
        // and only while that owner holds no lease: a server taken for dead that took a lease again
        // in the meantime (it was paused, not dead) keeps the jobs it still has
        return moveOwner("cannot take over the jobs of " + from, "UPDATE MUSTER_JOB SET OWNER = ? WHERE ID = ? AND "
                + whose + " AND NOT EXISTS (SELECT 1 FROM MUSTER_SERVER WHERE MUSTER_SERVER.ID = MUSTER_JOB.OWNER)",
                candidates, JobRecord::id, owner, from.isEmpty() ? null : from);
    }

    /** Of {@code ids}, those another server owns now: it took them over while this one was taken for dead. */
    public synchronized Set<JobId> ownedByOthers(java.util.Collection<JobId> ids) {
        Set<JobId> out = new java.util.HashSet<>();
        try (PreparedStatement ps = connection().prepareStatement(
                "SELECT ID FROM MUSTER_JOB WHERE ID = ? AND (OWNER IS NULL OR OWNER <> ?)")) {
            for (JobId id : ids) {
                ps.setString(1, id.value());
                ps.setString(2, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(id);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the owners of " + ids.size() + " jobs", e);
        }
        return out;
    }

    /**
     * Hands jobs this server accepted for another host's local pool ({@code local@HOST}) to that
     * host: their owner becomes the bare host name, which no lease holds, until the server on that
     * host takes them ({@link #takeOver} with the host). Only jobs still ACCEPTED and this server's
     * move; returns those that did.
     */
    public synchronized List<JobId> handToHost(List<JobId> ids, String host) {
        return moveOwner("cannot hand jobs to host " + host,
                "UPDATE MUSTER_JOB SET OWNER = ? WHERE ID = ? AND OWNER = ? AND STATE = 'ACCEPTED'", ids, id -> id,
                host, owner);
    }

    /**
     * Runs {@code update} (owner, id[, condition]) for each of {@code items} in one durable
     * transaction: the items whose row it changed, in order. A row another server changed first
     * is left out, so of servers moving one job at once only one does.
     */
    private <T> List<T> moveOwner(String what, String update, List<T> items, java.util.function.Function<T, JobId> id,
                                  String newOwner, String condition) {
        List<T> moved = new ArrayList<>();
        inTransaction(() -> what, () -> {
            try (PreparedStatement ps = connection().prepareStatement(update)) {
                for (T item : items) {
                    ps.setString(1, newOwner);
                    ps.setString(2, id.apply(item).value());
                    if (condition != null) {
                        ps.setString(3, condition);
                    }
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) {
                        moved.add(items.get(i));
                    }
                }
            }
        }, true);
        return moved;
    }

    private static String unfinishedStates() {
        // enum names only, never user text: safe to inline
        return java.util.Arrays.stream(JobState.values()).filter(st -> !st.isFinal()).map(st -> "'" + st.name() + "'")
                .collect(Collectors.joining(","));
    }

    /** Records that {@code resubmission} is a new run of {@code original}. */
    public synchronized void linkResubmission(JobId resubmission, JobId original) {
        try (PreparedStatement ps = connection().prepareStatement("UPDATE MUSTER_JOB SET RESUBMIT_OF = ? WHERE ID = ?")) {
            ps.setString(1, original.value());
            ps.setString(2, resubmission.value());
            if (ps.executeUpdate() != 1) {
                throw new StoreException("job " + resubmission + " is not in the store", null);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot link job " + resubmission + " to " + original, e);
        }
    }

    /** The job this one is a resubmission of, if it is one. */
    public synchronized Optional<JobId> resubmittedFrom(JobId id) {
        return ids("SELECT RESUBMIT_OF FROM MUSTER_JOB WHERE ID = ? AND RESUBMIT_OF IS NOT NULL", id).stream().findFirst();
    }

    /** The resubmissions of a job, oldest first. */
    public synchronized List<JobId> resubmissionsOf(JobId id) {
        return ids("SELECT ID FROM MUSTER_JOB WHERE RESUBMIT_OF = ? ORDER BY SUBMITTED_AT, ID", id);
    }

    private List<JobId> ids(String sql, JobId param) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            ps.setString(1, param.value());
            List<JobId> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(JobId.of(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the resubmissions of job " + param, e);
        }
    }

    /** The states a job went through, oldest first, with when and why. */
    public synchronized List<StateChange> history(JobId id) {
        List<StateChange> out = new ArrayList<>();
        try (PreparedStatement ps = connection().prepareStatement(
                "SELECT STATE, AT, REASON FROM MUSTER_JOB_HISTORY WHERE JOB_ID = ? ORDER BY AT, SEQ")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StateChange(JobState.valueOf(rs.getString(1)), instant(rs, 2), rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the history of job " + id, e);
        }
    }

    /**
     * The stored jobs whose {@code key} column (of the rows {@code from} joins) is one of
     * {@code keys} (nulls left out), by that key. One statement whatever the number of keys (an
     * array parameter, not an {@code IN} list of its length), so H2 and PostgreSQL keep one plan.
     */
    private Map<String, JobRecord> storedBy(String key, String from, List<String> keys) {
        String[] wanted = keys.stream().filter(java.util.Objects::nonNull).distinct().toArray(String[]::new);
        Map<String, JobRecord> out = new java.util.HashMap<>();
        if (wanted.length == 0) {
            return out;
        }
        String sql = "SELECT J.*, " + key + " AS MUSTER_KEY " + from + " WHERE " + key + " = ANY(?)";
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            ps.setArray(1, connection().createArrayOf("VARCHAR", wanted));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString("MUSTER_KEY"), row(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read jobs", e);
        }
        return out;
    }

    private Optional<JobRecord> queryOne(String sql, String param) {
        List<JobRecord> rows = query(sql, param);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<JobRecord> query(String sql, String... params) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<JobRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read jobs", e);
        }
    }

    private static JobRecord row(ResultSet rs) throws SQLException {
        int exit = rs.getInt("EXIT_CODE");
        Integer exitCode = rs.wasNull() ? null : exit;
        return new JobRecord(JobId.of(rs.getString("ID")), rs.getString("REQUEST_ID"), rs.getString("NAME"),
                rs.getString("COMMAND"), rs.getString("BACKEND"), rs.getString("PROFILE"),
                fromJson(rs.getString("OPTIONS")), JobState.valueOf(rs.getString("STATE")),
                rs.getString("SCHEDULER_ID"), exitCode, rs.getString("REASON"), instant(rs, "SUBMITTED_AT"),
                instant(rs, "STARTED_AT"), instant(rs, "ENDED_AT"), Path.of(rs.getString("WORK_DIR")),
                rs.getString("USER_NAME"), placement(rs));
    }

    private static Placement placement(ResultSet rs) throws SQLException {
        int count = rs.getInt("NODE_COUNT");
        Integer nodeCount = rs.wasNull() ? null : count;
        int c = rs.getInt("CPUS");
        Integer cpus = rs.wasNull() ? null : c;
        Placement p = new Placement(rs.getString("PARTITION_NAME"), rs.getString("NODE_LIST"), nodeCount, cpus);
        return p.isEmpty() ? null : p;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setTime(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static String toJson(Map<String, Object> options) {
        try {
            return JSON.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write options as JSON", e);
        }
    }

    private static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored options are not JSON: " + json, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the job store", e);
        }
    }
}
