package io.muster.scheduler.local;

import io.muster.scheduler.BackendContract;
import io.muster.scheduler.Scheduler;

/** The backend contract against the local pool, as servers run it (the fastest spawner available). */
class LocalPoolContractTest extends BackendContract {

    @Override
    protected Scheduler createScheduler() {
        return new LocalScheduler(2, 1000);
    }

    /** The pool enforces any time limit, to the second. */
    @Override
    protected String shortTimeLimit() {
        return "00:00:02";
    }
}
