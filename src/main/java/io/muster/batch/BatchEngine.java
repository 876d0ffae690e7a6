package io.muster.batch;

import io.muster.job.JobId;
import jakarta.batch.operations.JobOperator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Properties;
import javax.sql.DataSource;
import org.jberet.operations.JobOperatorImpl;
import org.jberet.repository.JobRepository;

/**
 * Runs Muster's batch jobs: one {@code muster-job} execution per accepted submission, and the
 * users' flows. The two run on separate thread pools over one job repository (see
 * {@link MusterBatchEnvironment}): a flow's step waits for jobs in the job pool, so if both
 * shared one fixed pool, a flow with as many waiting steps as threads would starve its own jobs.
 */
@ApplicationScoped
public class BatchEngine {

    public static final String MUSTER_JOB = "muster-job";
    public static final String JOB_ID = "jobId";

    @Inject
    BeanManager beanManager;

    private MusterBatchEnvironment environment;
    private MusterBatchEnvironment flowEnvironment;
    private JobOperator operator;
    private JobOperatorImpl flowOperator;

    public void start(DataSource dataSource, int threads) {
        start(dataSource, threads, null);
    }

    /**
     * @param threads  threads of the job pool; also how many flows may run at once
     * @param flowsDir the configured directory of user flows (null for none): flows are found by
     *                 name there as well as in the {@code META-INF/batch-jobs/} that ships
     */
    public void start(DataSource dataSource, int threads, Path flowsDir) {
        environment = new MusterBatchEnvironment(beanManager, dataSource, threads);
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

    /** Starts the job's {@code muster-job}; returns the JBeret execution id. */
    public long run(JobId id) {
        Properties parameters = new Properties();
        parameters.setProperty(JOB_ID, id.value());
        return operator().start(MUSTER_JOB, parameters);
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
