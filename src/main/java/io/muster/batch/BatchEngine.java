package io.muster.batch;

import io.muster.job.JobId;
import jakarta.batch.operations.JobOperator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Properties;
import javax.sql.DataSource;
import org.jberet.operations.JobOperatorImpl;

/** Runs Muster's batch jobs: one {@code muster-job} execution per accepted submission. */
@ApplicationScoped
public class BatchEngine {

    public static final String MUSTER_JOB = "muster-job";
    public static final String JOB_ID = "jobId";

    @Inject
    BeanManager beanManager;

    private MusterBatchEnvironment environment;
    private JobOperator operator;

    public void start(DataSource dataSource, int threads) {
        environment = new MusterBatchEnvironment(beanManager, dataSource, threads);
        operator = new JobOperatorImpl(environment);
    }

    public JobOperator operator() {
        if (operator == null) {
            throw new IllegalStateException("the batch engine is not started");
        }
        return operator;
    }

    /** Starts the job's {@code muster-job}; returns the JBeret execution id. */
    public long run(JobId id) {
        Properties parameters = new Properties();
        parameters.setProperty(JOB_ID, id.value());
        return operator().start(MUSTER_JOB, parameters);
    }

    public void stop() {
        if (environment != null) {
            environment.shutdown();
            environment = null;
            operator = null;
        }
    }
}
