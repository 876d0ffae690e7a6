package io.muster.batch;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.transaction.TransactionManager;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jberet.repository.JdbcRepository;
import org.jberet.repository.JobRepository;
import org.jberet.spi.ArtifactFactory;
import org.jberet.spi.BatchEnvironment;
import org.jberet.spi.JobExecutor;
import org.jberet.spi.JobTask;
import org.jberet.spi.JobXmlResolver;
import org.jberet.tools.ChainedJobXmlResolver;
import org.jberet.tools.MetaInfBatchJobsJobXmlResolver;
import org.jberet.tx.LocalTransactionManager;

/**
 * JBeret's SE environment, put together by Muster instead of read from {@code jberet.properties}:
 * the JDBC job repository on the same database as the job store, artifacts from whichever CDI
 * container Muster runs in (Weld SE, or the test's), and a fixed pool of batch threads.
 */
final class MusterBatchEnvironment implements BatchEnvironment {

    private final ClassLoader classLoader = MusterBatchEnvironment.class.getClassLoader();
    private final ArtifactFactory artifacts;
    private final JobRepository repository;
    private final JobXmlResolver xmlResolver;
    private final ThreadPoolExecutor threads;
    private final JobExecutor executor;

    MusterBatchEnvironment(BeanManager beanManager, DataSource dataSource, int threadCount, JobXmlResolver... extra) {
        this.artifacts = new CdiArtifactFactory(beanManager);
        this.repository = new JdbcRepository(dataSource);
        JobXmlResolver[] resolvers = new JobXmlResolver[extra.length + 1];
        resolvers[0] = new MetaInfBatchJobsJobXmlResolver();
        System.arraycopy(extra, 0, resolvers, 1, extra.length);
        this.xmlResolver = new ChainedJobXmlResolver(resolvers);
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(threadCount, threadCount, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "muster-batch-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.threads.allowCoreThreadTimeOut(true);
        this.executor = new JobExecutor(threads) {
            @Override
            protected int getMaximumPoolSize() {
                return threadCount;
            }
        };
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public ArtifactFactory getArtifactFactory() {
        return artifacts;
    }

    @Override
    public void submitTask(JobTask task) {
        executor.execute(task);
    }

    @Override
    public TransactionManager getTransactionManager() {
        return LocalTransactionManager.getInstance();
    }

    @Override
    public JobRepository getJobRepository() {
        return repository;
    }

    @Override
    public JobXmlResolver getJobXmlResolver() {
        return xmlResolver;
    }

    @Override
    public Properties getBatchConfigurationProperties() {
        return new Properties();
    }

    @Override
    public String getApplicationName() {
        return "muster";
    }

    void shutdown() {
        threads.shutdownNow();
    }
}
