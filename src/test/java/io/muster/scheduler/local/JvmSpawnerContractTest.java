package io.muster.scheduler.local;

import io.muster.scheduler.BackendContract;
import io.muster.scheduler.Scheduler;

/** The backend contract against the local pool starting its jobs from the JVM (where Perl is missing). */
class JvmSpawnerContractTest extends BackendContract {

    @Override
    protected Scheduler createScheduler() {
        return new LocalScheduler(2, 1000, true);
    }

    /** The pool enforces any time limit, to the second. */
    @Override
    protected String shortTimeLimit() {
        return "00:00:02";
    }
}
