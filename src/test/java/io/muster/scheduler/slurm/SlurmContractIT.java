package io.muster.scheduler.slurm;

import io.muster.config.GridSettings;
import io.muster.scheduler.BackendContract;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.ProcessCommandRunner;
import io.muster.scheduler.Scheduler;
import java.time.Duration;

/**
 * The backend contract against Slurm: the grid scheduler with the Slurm dialect on the real test
 * cluster (a single node, so the job directories below the test's temp dir are seen by the jobs).
 * Skipped locally without a cluster, failed in CI.
 */
class SlurmContractIT extends BackendContract {

    private static final Duration POLL = Duration.ofMillis(250);

    @Override
    protected Scheduler createScheduler() {
        SlurmCluster.assumeRunning();
        return new GridScheduler(new SlurmDialect(), new ProcessCommandRunner(),
                GridSettings.defaults("slurm").withPollInterval(POLL));
    }

    @Override
    protected Duration pollInterval() {
        return POLL;
    }
}
