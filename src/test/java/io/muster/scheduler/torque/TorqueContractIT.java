package io.muster.scheduler.torque;

import io.muster.scheduler.BackendContract;
import io.muster.scheduler.GridScheduler;
import io.muster.scheduler.ProcessCommandRunner;
import io.muster.scheduler.Scheduler;
import io.muster.testing.RealService;
import java.time.Duration;

/**
 * The backend contract against PBS: the grid scheduler with the Torque dialect driving this
 * machine's {@code qsub}, {@code qstat} and {@code qdel} (on the test machine, Slurm's PBS
 * wrappers over the single-node test cluster). Skipped locally without them, failed in CI.
 */
class TorqueContractIT extends BackendContract {

    private static final Duration POLL = Duration.ofMillis(500);

    @Override
    protected Scheduler createScheduler() throws Exception {
        RealService.require(PbsCommands.whyUnavailable());
        return new GridScheduler(new TorqueDialect(), new ProcessCommandRunner(),
                PbsCommands.settings().withPollInterval(POLL));
    }

    @Override
    protected Duration pollInterval() {
        return POLL;
    }
}
