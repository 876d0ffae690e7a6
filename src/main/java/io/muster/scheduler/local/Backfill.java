package io.muster.scheduler.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pool's start decision, pure: first come first served with EASY backfill.
 *
 * <p>Waiting jobs start in arrival order while the first one fits. When it does not, it gets a
 * reservation: the earliest time at which enough running jobs will have ended (by their
 * estimates) for it to fit, its "shadow time". A later job may then start ahead of it only if
 * it fits now and either ends before the shadow time, or fits in what the reserved job will
 * leave over at the shadow time. Either way the first job's start is never delayed, so a large
 * job cannot be starved by a stream of small ones.
 *
 * <p>A running job's end is estimated as its start plus its estimate, never earlier than now (a
 * job that overran its estimate may end any moment).
 */
final class Backfill {

    private Backfill() {
    }

    /** A running job: what it holds and when it is expected to end. */
    record Running(int cores, long memMb, Instant expectedEnd) {
    }

    /** A waiting job whose dependencies are met, in arrival order. */
    record Waiting<T>(T job, int cores, long memMb, Duration estimate) {
    }

    /** The jobs to start now, in the order to start them. */
    static <T> List<T> plan(int totalCores, long totalMemMb, List<Running> running, List<Waiting<T>> queue,
                            Instant now) {
        List<T> start = new ArrayList<>();
        int freeCores = totalCores;
        long freeMem = totalMemMb;
        List<Running> busy = new ArrayList<>(running.size() + 4);
        for (Running r : running) {
            freeCores -= r.cores();
            freeMem -= r.memMb();
            busy.add(r);
        }
        int i = 0;
        for (; i < queue.size(); i++) {
            Waiting<T> w = queue.get(i);
            if (w.cores() > freeCores || w.memMb() > freeMem) {
                break;
            }
            start.add(w.job());
            freeCores -= w.cores();
            freeMem -= w.memMb();
            busy.add(new Running(w.cores(), w.memMb(), now.plus(w.estimate())));
        }
        if (i >= queue.size() || freeCores <= 0) {
            return start;
        }
        Reservation r = reserve(queue.get(i), freeCores, freeMem, busy, now);
        int extraCores = r.extraCores();
        long extraMem = r.extraMem();
        for (int j = i + 1; j < queue.size() && freeCores > 0; j++) {
            Waiting<T> w = queue.get(j);
            if (w.cores() > freeCores || w.memMb() > freeMem) {
                continue;
            }
            boolean endsBeforeShadow = !now.plus(w.estimate()).isAfter(r.shadow());
            boolean fitsBeside = w.cores() <= extraCores && w.memMb() <= extraMem;
            if (!endsBeforeShadow && !fitsBeside) {
                continue;
            }
            start.add(w.job());
            freeCores -= w.cores();
            freeMem -= w.memMb();
            if (!endsBeforeShadow) {
                extraCores -= w.cores();
                extraMem -= w.memMb();
            }
        }
        return start;
    }

    /**
     * When the head job can start and what it leaves over then. A head that can never fit (the
     * pool shrank since it was accepted) reserves nothing: it must not block the others.
     */
    private record Reservation(Instant shadow, int extraCores, long extraMem) {
    }

    private static Reservation reserve(Waiting<?> head, int freeCores, long freeMem, List<Running> busy, Instant now) {
        List<Running> byEnd = new ArrayList<>(busy);
        byEnd.sort(Comparator.comparing(Running::expectedEnd));
        int cores = freeCores;
        long mem = freeMem;
        for (Running r : byEnd) {
            cores += r.cores();
            mem += r.memMb();
            if (head.cores() <= cores && head.memMb() <= mem) {
                Instant end = r.expectedEnd().isBefore(now) ? now : r.expectedEnd();
                return new Reservation(end, cores - head.cores(), mem - head.memMb());
            }
        }
        return new Reservation(Instant.MAX, Integer.MAX_VALUE, Long.MAX_VALUE);
    }
}
