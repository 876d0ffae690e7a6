package io.muster.scheduler.sge;

import io.muster.scheduler.BackendContract;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.ProcessCommandRunner;
import io.muster.scheduler.Scheduler;
import java.time.Duration;

/**
 * The backend contract against Grid Engine: the grid scheduler with the Grid Engine dialect on
 * the real single-node cell (so the job directories below the test's temp dir are seen by the
 * jobs). Skipped locally without a cell, failed in CI.
 */
class SgeContractIT extends BackendContract {

    private static final Duration POLL = Duration.ofMillis(300);

    @Override
    protected Scheduler createScheduler() {
        SgeCell.assumeRunning();
        return new GridScheduler(new SgeDialect(), new ProcessCommandRunner(), SgeCell.settings().withPollInterval(POLL));
    }

    @Override
    protected Duration pollInterval() {
        return POLL;
    }

    /** Grid Engine's execd enforces h_rt to the second (checked at each load report, here every 5 s). */
    @Override
    protected String shortTimeLimit() {
        return "00:00:05";
    }
}
