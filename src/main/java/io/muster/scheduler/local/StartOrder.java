package io.muster.scheduler.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which waiting jobs start now: first come, first served by job id, with EASY backfill. The
 * first-come-first-served prefix is taken in place (most calls end there: a job ended, the next
 * one fits); only when the first waiting job does not fit while cores are free is the whole
 * queue planned with {@link Backfill}.
 */
final class StartOrder {

    private StartOrder() {
    }

    /**
     * The jobs of {@code queue} (in id order) to start now, each handed to {@code start} as it is
     * picked (which takes it out of the queue and into the account) before the backfill is planned.
     */
    static List<PoolJob> pick(Collection<PoolJob> queue, PoolAccount account, Consumer<PoolJob> start, Instant now) {
        List<PoolJob> picked = new ArrayList<>(Math.min(4, account.cores()));
        boolean blocked = false;
        int freeCores = account.freeCores();
        long freeMem = account.freeMemMb();
        for (PoolJob w : queue) {
            if (!w.is(JobPhase.Stage.QUEUED)) {
                continue;
            }
            if (w.cores > freeCores || w.memMb > freeMem) {
                blocked = true;
                break;
            }
            picked.add(w);
            freeCores -= w.cores;
            freeMem -= w.memMb;
            if (freeCores == 0) {
                break;
            }
        }
        picked.forEach(start);
        if (blocked && account.hasFreeCores()) {
            List<PoolJob> backfill = Backfill.plan(account.cores(), account.memoryMb(), running(account, now),
                    waiting(queue), now);
            backfill.forEach(start);
            picked.addAll(backfill);
        }
        return picked;
    }

    private static List<Backfill.Running> running(PoolAccount account, Instant now) {
        List<Backfill.Running> running = new ArrayList<>(account.holders().size());
        for (PoolJob r : account.holders()) {
            running.add(new Backfill.Running(r.cores, r.memMb, r.started == null ? now.plus(r.estimate)
                    : r.expectedEnd()));
        }
        return running;
    }

    private static List<Backfill.Waiting<PoolJob>> waiting(Collection<PoolJob> queue) {
        List<Backfill.Waiting<PoolJob>> waiting = new ArrayList<>(queue.size());
        for (PoolJob w : queue) {
            if (w.is(JobPhase.Stage.QUEUED)) {
                waiting.add(new Backfill.Waiting<>(w, w.cores, w.memMb, w.estimate));
            }
        }
        return waiting;
    }
}
