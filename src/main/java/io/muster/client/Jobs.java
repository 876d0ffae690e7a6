package io.muster.client;

import io.muster.api.JobResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Waiting for many jobs at once. */
public final class Jobs {

    /** Told each time one of the awaited jobs ends (on a client thread). */
    @FunctionalInterface
    public interface Progress {
        void ended(JobHandle job, int done, int total);
    }

    private Jobs() {
    }

    /**
     * Waits until every job has ended.
     *
     * @param timeout for all of them together; null for no limit
     * @return their results, in the order of {@code jobs}
     * @throws JobTimeoutException naming every job still going when the time is up
     */
    public static List<JobResult> awaitAll(Collection<JobHandle> jobs, Duration timeout) throws InterruptedException {
        return awaitAll(jobs, timeout, (job, done, total) -> { });
    }

    /** As {@link #awaitAll(Collection, Duration)}, telling {@code progress} as each job ends. */
    public static List<JobResult> awaitAll(Collection<JobHandle> jobs, Duration timeout, Progress progress)
            throws InterruptedException {
        checkTimeout(timeout);
        List<JobHandle> list = List.copyOf(jobs);
        CountDownLatch left = new CountDownLatch(list.size());
        AtomicInteger done = new AtomicInteger();
        for (JobHandle job : list) {
            job.onCompletion().whenComplete((r, e) -> {
                if (e == null) {
                    progress.ended(job, done.incrementAndGet(), list.size());
                }
                left.countDown();
            });
        }
        boolean all = timeout == null ? awaitForever(left) : left.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (!all) {
            List<JobHandle> going = list.stream().filter(j -> !j.onCompletion().isDone()).distinct().toList();
            String message = going.size() == 1 && list.size() == 1
                    ? "job " + going.get(0) + " has not ended after " + human(timeout)
                    : going.size() + " of " + list.size() + " jobs have not ended after " + human(timeout) + ": "
                            + going.stream().map(JobHandle::toString).collect(Collectors.joining(", "));
            throw new JobTimeoutException(going.stream().map(JobHandle::id).toList(), timeout, message);
        }
        List<JobResult> results = new ArrayList<>();
        for (JobHandle job : list) {
            results.add(job.result(Duration.ZERO));
        }
        return results;
    }

    private static boolean awaitForever(CountDownLatch latch) throws InterruptedException {
        latch.await();
        return true;
    }

    /** A negative wait would time out at once with "has not ended after -5 s": a caller's slip, said as such. */
    static void checkTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("a wait's timeout must not be negative: " + timeout
                    + " (null waits without limit, zero looks once)");
        }
    }

    /** "1 s", "2 min 5 s", "3 h 0 min" — how people read a timeout. */
    static String human(Duration d) {
        if (d == null) {
            return "forever";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() % 1000 == 0 ? s + " s" : String.format("%.1f s", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
