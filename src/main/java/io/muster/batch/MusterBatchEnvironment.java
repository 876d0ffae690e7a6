package io.muster.batch;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.transaction.TransactionManager;
import java.util.Properties;
import java.util.concurrent.SynchronousQueue;
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
 * container Muster runs in (Weld SE, or the test's), and a pool of batch threads.
 *
 * <p>Two kinds of pool, because of who waits for whom. The <em>dispatch</em> pool is small and
 * fixed: its {@code muster-dispatch} executions hand jobs over and wait on nothing but an empty
 * queue for a moment. The <em>flow</em> pool ({@link #elastic}) runs user flows, whose steps wait
 * for their jobs to end, and whose splits and partitions wait for their own children in the flow
 * pool. Its threads are made on demand, so a child task never queues
 * behind its waiting parent (no deadlock however deep the nesting); {@code threads} only limits
 * how many top-level flows JBeret admits at once (JBeret starts a job only while two more
 * threads than are busy are allowed), the rest wait in JBeret's queue.
 */
final class MusterBatchEnvironment implements BatchEnvironment {

    private final ClassLoader classLoader = MusterBatchEnvironment.class.getClassLoader();
    private final ArtifactFactory artifacts;
    private final JobRepository repository;
    private final JobXmlResolver xmlResolver;
    private final ThreadPoolExecutor threads;
    private final JobExecutor executor;
    private final boolean elastic;

    MusterBatchEnvironment(BeanManager beanManager, DataSource dataSource, int threadCount, JobXmlResolver... extra) {
        this(new CdiArtifactFactory(beanManager), new JdbcRepository(dataSource), false, "muster-batch-", threadCount,
                extra);
    }

    private MusterBatchEnvironment(ArtifactFactory artifacts, JobRepository repository, boolean elastic,
                                   String threadName, int threadCount, JobXmlResolver... extra) {
        this.artifacts = artifacts;
        this.repository = repository;
        this.elastic = elastic;
        JobXmlResolver[] resolvers = new JobXmlResolver[extra.length + 1];
        resolvers[0] = new MetaInfBatchJobsJobXmlResolver();
        System.arraycopy(extra, 0, resolvers, 1, extra.length);
        this.xmlResolver = new ChainedJobXmlResolver(resolvers);
        AtomicInteger n = new AtomicInteger();
        // threads on demand, reused while busy ones run, gone after a minute idle: a dispatch pool
        // that handed over one burst keeps one thread, not one per execution it ran
        this.threads = new ThreadPoolExecutor(0, elastic ? Integer.MAX_VALUE : threadCount, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, threadName + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor = new JobExecutor(threads) {
            @Override
            protected int getMaximumPoolSize() {
                return threadCount;
            }
        };
    }

    /**
     * The flow pool: shares the job pool's repository (so either operator sees every execution,
     * and stopping a running one finds it in memory) and adds resolvers for flow directories. Its
     * artifacts are only those flows may use ({@link FlowArtifactFactory}).
     */
    MusterBatchEnvironment elastic(String threadName, int admitted, JobXmlResolver... extra) {
        return new MusterBatchEnvironment(new FlowArtifactFactory(artifacts), repository, true, threadName, admitted,
                extra);
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

    /**
     * Stops the pool. Dispatch executions get a moment to end by themselves (they do within one
     * poll of their queue); flows are stopped at once (their steps only wait for jobs, which
     * outlive the server).
     */
    void shutdown() {
        if (elastic) {
            threads.shutdownNow();
            return;
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
