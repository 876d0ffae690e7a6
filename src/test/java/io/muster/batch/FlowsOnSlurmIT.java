package io.muster.batch;

import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.scheduler.slurm.SlurmCluster;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The example flows (chain, split-count) with every step a Slurm job on the real test cluster,
 * the server's Slurm backend on and polled every 250 ms. Skipped locally without a cluster,
 * failed in CI.
 */
class FlowsOnSlurmIT extends ExampleFlows {

    @Override
    protected void requireBackend() {
        SlurmCluster.assumeRunning();
    }

    @Override
    protected String backend() {
        return "slurm";
    }

    @Override
    protected MusterConfig config(Path data) {
        return super.config(data).withSlurm(GridSettings.defaults("slurm").withMode(GridSettings.Mode.ON)
                .withPollInterval(Duration.ofMillis(250)));
    }
}
