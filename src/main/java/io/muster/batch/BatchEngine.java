package io.muster.batch;

import io.muster.config.MusterConfig;
import io.muster.store.Database;
import jakarta.batch.operations.JobOperator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jberet.operations.JobOperatorImpl;
import org.jberet.repository.JobRepository;

/**
 * Runs Muster's batch jobs: the {@code muster-dispatch} executions that hand accepted jobs to
 * their backends in chunks (at most one per backend at a time), and the users' flows. The two
 * run on separate thread pools over one job repository (see {@link MusterBatchEnvironment}): a
 * flow's steps wait for their jobs, and must never hold the threads that hand those jobs over.
 */
@ApplicationScoped
public class BatchEngine {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(BatchEngine.class.getName());

    /** Muster's own batch job, which is not a flow. */
    public static final String DISPATCH_JOB = "muster-dispatch";
    /** Threads of the dispatch pool: one execution per backend at a time, so a few suffice. */
    static final int DISPATCH_THREADS = 8;

    @Inject
    BeanManager beanManager;

    private MusterBatchEnvironment environment;
    private MusterBatchEnvironment flowEnvironment;
    private JobOperator operator;
    private JobOperatorImpl flowOperator;
    private DataSource dataSource;

    @Inject
    Provider<Database> database;
    @Inject
    Provider<MusterConfig> config;

    /**
     * Starts on the running server's database (its batch tables made first, under the schema lock
     * several servers share), with {@code jobs.batch_threads} flows at once and the flows directory;
     * then marks the dispatch executions a stopped server left running as abandoned.
     */
    public void start() {
        Database db = database.get();
        MusterConfig settings = config.get();
        try (Database.SchemaLock tables = db.schemaLock()) {
            start(db.dataSource(), settings.batchThreads(), settings.flowsDir());
        }
        int abandoned = abandonInterruptedDispatches();
        if (abandoned > 0) {
            LOG.info(() -> abandoned + " dispatch executions were cut short by the last stop; the store knows their jobs");
        }
    }

    /**
     * @param threads  how many flows may run at once
     * @param flowsDir the configured directory of user flows (null for none): flows are found by
     *                 name there as well as in the {@code META-INF/batch-jobs/} that ships
     */
    private void start(DataSource dataSource, int threads, Path flowsDir) {
        this.dataSource = dataSource;
        environment = new MusterBatchEnvironment(beanManager, dataSource, DISPATCH_THREADS);
        operator = new JobOperatorImpl(environment);
        flowEnvironment = flowsDir == null
                ? environment.elastic("muster-flow-", threads)
                : environment.elastic("muster-flow-", threads, new FlowDirectoryResolver(flowsDir));
        flowOperator = new JobOperatorImpl(flowEnvironment);
    }

    public JobOperator operator() {
        if (operator == null) {
            throw new IllegalStateException("the batch engine is not started");
        }
        return operator;
    }

    /** The operator whose executions run on the flow pool: start and restart flows through it. */
    public JobOperatorImpl flowOperator() {
        if (flowOperator == null) {
            throw new IllegalStateException("the batch engine is not started");
        }
        return flowOperator;
    }

    JobRepository repository() {
        return flowOperator().getJobRepository();
    }

    /**
     * Executions, other than {@code muster-dispatch} runs, that the repository holds as STARTING or
     * STARTED. Right after a start nothing runs yet, so these are what a stopped server left
     * running. Asked of the tables directly: JBeret's {@code getJobNames} and
     * {@code getRunningExecutions} only know the jobs loaded by this process.
     */
    public List<Long> interruptedFlowExecutions() {
        String sql = "SELECT e.JOBEXECUTIONID FROM JOB_EXECUTION e JOIN JOB_INSTANCE i"
                + " ON e.JOBINSTANCEID = i.JOBINSTANCEID"
                + " WHERE e.BATCHSTATUS IN ('STARTING', 'STARTED') AND i.JOBNAME <> ? ORDER BY e.JOBEXECUTIONID";
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, DISPATCH_JOB);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the batch repository's unfinished executions: "
                    + e.getMessage(), e);
        }
        return ids;
    }

    /**
     * Claims an interrupted flow execution for this server: marks it FAILED (with {@code why}) if
     * it is still STARTING or STARTED. True for exactly one of the servers that try at once.
     */
    public boolean claimInterrupted(long executionId, String why) {
        String sql = "UPDATE JOB_EXECUTION SET BATCHSTATUS = 'FAILED', EXITSTATUS = ? WHERE JOBEXECUTIONID = ?"
                + " AND BATCHSTATUS IN ('STARTING', 'STARTED')";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, why.length() > 500 ? why.substring(0, 500) : why);
            ps.setLong(2, executionId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim flow execution " + executionId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks the dispatch executions a stopped server left STARTED as ABANDONED: they hold no
     * job (the store knows which jobs still wait), and must not look as if they still ran.
     * Returns how many.
     */
    public int abandonInterruptedDispatches() {
        String sql = "UPDATE JOB_EXECUTION SET BATCHSTATUS = 'ABANDONED' WHERE BATCHSTATUS IN ('STARTING', 'STARTED')"
                + " AND JOBINSTANCEID IN (SELECT JOBINSTANCEID FROM JOB_INSTANCE WHERE JOBNAME = ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, DISPATCH_JOB);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark interrupted dispatch executions: " + e.getMessage(), e);
        }
    }

    public void stop() {
        if (environment != null) {
            flowEnvironment.shutdown();
            environment.shutdown();
            environment = null;
            flowEnvironment = null;
            operator = null;
            flowOperator = null;
        }
    }
}
