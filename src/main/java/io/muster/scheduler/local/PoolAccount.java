package io.muster.scheduler.local;

import io.muster.api.Violation;
import io.muster.options.JobOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pool's cores and memory, and the jobs holding them (started and not yet ended). A job
 * holds its cores and memory from the moment it is picked to start until it ended; the account
 * never hands out more than the pool has. Not thread-safe: the pool's lock guards it.
 */
final class PoolAccount {

    private final int cores;
    private final long memoryMb;
    private final Set<PoolJob> holders = new LinkedHashSet<>();
    private int busyCores;
    private long busyMemMb;

    PoolAccount(int cores, long memoryMb) {
        if (cores < 1 || memoryMb < 1) {
            throw new IllegalArgumentException("the local pool needs at least 1 core and 1 MB, was " + cores
                    + " cores and " + memoryMb + " MB");
        }
        this.cores = cores;
        this.memoryMb = memoryMb;
    }

    /** What about these options the pool could never give, one violation each. */
    List<Violation> check(JobOptions options) {
        List<Violation> out = new ArrayList<>();
        if (options.cores() > cores) {
            out.add(new Violation("cores", String.valueOf(options.cores()),
                    "cores " + options.cores() + " is more than the local pool has (" + cores + ")"));
        }
        Long mem = options.memMb();
        if (mem != null && mem > memoryMb) {
            out.add(new Violation("mem", String.valueOf(mem),
                    "mem " + mem + " MB is more than the local pool has (" + memoryMb + " MB)"));
        }
        if (options.nodes() > 1) {
            out.add(new Violation("nodes", String.valueOf(options.nodes()),
                    "nodes " + options.nodes() + ": the local pool is one machine (nodes 1)"));
        }
        if (options.begin() != null) {
            // the pool starts a job once its cores are free: it would run before the time asked
            out.add(new Violation("begin", options.begin(), "begin " + options.begin() + " cannot be kept by the"
                    + " local pool, which starts a job as soon as its cores are free; submit it then, or to a"
                    + " cluster backend"));
        }
        return out;
    }

    void hold(PoolJob job) {
        if (holders.add(job)) {
            busyCores += job.cores;
            busyMemMb += job.memMb;
        }
    }

    void release(PoolJob job) {
        if (holders.remove(job)) {
            busyCores -= job.cores;
            busyMemMb -= job.memMb;
        }
    }

    /** The jobs holding cores and memory, in the order they took them. */
    Set<PoolJob> holders() {
        return holders;
    }

    boolean hasFreeCores() {
        return busyCores < cores;
    }

    int freeCores() {
        return cores - busyCores;
    }

    long freeMemMb() {
        return memoryMb - busyMemMb;
    }

    int cores() {
        return cores;
    }

    long memoryMb() {
        return memoryMb;
    }

    int busyCores() {
        return busyCores;
    }

    long busyMemMb() {
        return busyMemMb;
    }
}
