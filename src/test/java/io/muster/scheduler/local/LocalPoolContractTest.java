package io.muster.scheduler.local;

import io.muster.scheduler.BackendContract;
import io.muster.scheduler.Scheduler;

/** The backend contract against the local pool, as servers run it (the fastest spawner available). */
class LocalPoolContractTest extends BackendContract {

    @Override
    protected Scheduler createScheduler() {
        return new LocalScheduler(2, 1000);
    }
}
