package io.muster.scheduler.local;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartOrderTest {

    private final PoolAccount account = new PoolAccount(4, 8000);
    private final List<PoolJob> queue = new ArrayList<>();

    private PoolJob queued(int cores, String time) {
        PoolJob job = new PoolJob(aJob().with("cores", cores).with("time", time).build(), true);
        queue.add(job);
        return job;
    }

    private List<PoolJob> pick() {
        return StartOrder.pick(List.copyOf(queue), account, job -> {
            queue.remove(job);
            account.hold(job);
            job.phase = job.phase.starting();
        }, Instant.now());
    }

    @Test
    void startsWaitingJobsInTheirOrderWhileTheyFit() {
        PoolJob first = queued(2, "1:00");
        PoolJob second = queued(2, "1:00");
        queued(1, "1:00");

        assertThat(pick()).containsExactly(first, second);
        assertThat(account.freeCores()).isZero();
    }

    @Test
    void backfillsAShortJobThatDoesNotDelayTheBlockedOneButNotALongOne() {
        PoolJob running = queued(3, "00:10:00");
        assertThat(pick()).containsExactly(running);
        running.started = Instant.now();
        queued(4, "00:10:00");
        PoolJob shortOne = queued(1, "00:05:00");
        queued(1, "01:00:00");

        assertThat(pick()).containsExactly(shortOne);
    }

    @Test
    void leavesAJobWaitingForItsDependenciesWhereItIs() {
        PoolJob waiting = queued(1, "1:00");
        waiting.phase = JobPhase.WAITING;
        PoolJob next = queued(1, "1:00");

        assertThat(pick()).containsExactly(next);
    }
}
