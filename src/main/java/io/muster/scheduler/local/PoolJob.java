package io.muster.scheduler.local;

import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.SchedulerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One job in the local pool: what it holds, where it is ({@link JobPhase}), and its process once started. */
final class PoolJob {
    final JobSubmission job;
    final String id;
    final int cores;
    final long memMb;
    final Duration estimate;
    final Duration limit;
    /** False for jobs run through {@code LocalScheduler.run}: their caller has the future, the listener is not told. */
    final boolean reported;
    final Set<String> pendingDependencies = new LinkedHashSet<>();
    final CompletableFuture<SchedulerStatus> end = new CompletableFuture<>();
    JobPhase phase = JobPhase.QUEUED;
    long pid;
    Instant started;
    ScheduledFuture<?> timer;
    /** Looks for the end of its process group once its wrapper is gone and the group is not. */
    ScheduledFuture<?> reaper;
    /** How its wrapper ended, as waited for, kept while the rest of its group is awaited. */
    Integer wrapperExitCode;
    Integer wrapperSignal;
    /** The pool killed processes of its group that outlived its wrapper. */
    boolean leftoversKilled;

    PoolJob(JobSubmission job, boolean reported) {
        this.job = job;
        this.id = job.id().value();
        this.cores = job.options().cores();
        Long mem = job.options().memMb();
        this.memMb = mem == null ? LocalScheduler.DEFAULT_MEM_MB : mem;
        this.limit = job.options().time();
        this.estimate = limit == null ? LocalScheduler.DEFAULT_ESTIMATE : limit;
        this.reported = reported;
    }

    boolean is(JobPhase.Stage stage) {
        return phase.is(stage);
    }

    Instant expectedEnd() {
        return started.plus(estimate);
    }
}
