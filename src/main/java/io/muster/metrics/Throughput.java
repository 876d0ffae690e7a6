package io.muster.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The last hour minute by minute: jobs that ended (completed and not) and the local pool's busy
 * cores (their most within the minute). What the web page's chart draws.
 */
public final class Throughput {

    public static final int MINUTES = 60;

    /** One minute: its start, jobs ended well and badly in it, and the most pool cores busy. */
    public record Minute(Instant start, int completed, int failed, int coresBusy, int cores) {
    }

    private final Clock clock;
    private final long[] minuteOf = new long[MINUTES];
    private final int[] completed = new int[MINUTES];
    private final int[] failed = new int[MINUTES];
    private final int[] coresBusy = new int[MINUTES];
    private final int[] cores = new int[MINUTES];

    public Throughput(Clock clock) {
        this.clock = clock;
    }

    private int slot() {
        long minute = clock.millis() / 60_000;
        int i = (int) (minute % MINUTES);
        if (minuteOf[i] != minute) {
            minuteOf[i] = minute;
            completed[i] = 0;
            failed[i] = 0;
            coresBusy[i] = 0;
            cores[i] = 0;
        }
        return i;
    }

    public synchronized void ended(boolean good) {
        int i = slot();
        if (good) {
            completed[i]++;
        } else {
            failed[i]++;
        }
    }

    public synchronized void pool(int busy, int total) {
        int i = slot();
        coresBusy[i] = Math.max(coresBusy[i], busy);
        cores[i] = total;
    }

    /** The last hour, oldest minute first, minutes without anything as zeros. */
    public synchronized List<Minute> lastHour() {
        long now = clock.millis() / 60_000;
        List<Minute> out = new ArrayList<>(MINUTES);
        for (long m = now - MINUTES + 1; m <= now; m++) {
            int i = (int) (m % MINUTES);
            Instant start = Instant.ofEpochMilli(m * 60_000).truncatedTo(ChronoUnit.MINUTES);
            out.add(minuteOf[i] == m ? new Minute(start, completed[i], failed[i], coresBusy[i], cores[i])
                    : new Minute(start, 0, 0, 0, 0));
        }
        return out;
    }
}
