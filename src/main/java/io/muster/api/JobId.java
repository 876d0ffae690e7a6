package io.muster.api;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Muster's own id of a job, independent of any scheduler's id.
 *
 * <p>Ids sort by creation time (a base-36 millisecond stamp) and carry a random tail so that
 * two servers, or a restarted one, never hand out the same id. Within one process the stamps
 * strictly increase (two ids in the same millisecond take the next one), so the order of ids is
 * the order the jobs were accepted in: the local pool serves them first come, first served by it.
 */
public record JobId(String value) implements Comparable<JobId> {

    private static final Pattern FORM = Pattern.compile("[a-z0-9]{8,12}-[a-z0-9]{5}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final java.util.concurrent.atomic.AtomicLong LAST_STAMP = new java.util.concurrent.atomic.AtomicLong();

    public JobId {
        Objects.requireNonNull(value, "job id");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a Muster job id: '" + value + "'");
        }
    }

    public static JobId generate() {
        StringBuilder tail = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            tail.append(DIGITS[RANDOM.nextInt(DIGITS.length)]);
        }
        long now = System.currentTimeMillis();
        long stamp = LAST_STAMP.updateAndGet(last -> Math.max(now, last + 1));
        return new JobId(Long.toString(stamp, 36) + "-" + tail);
    }

    public static boolean looksLikeJobId(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    public static JobId of(String value) {
        return new JobId(value);
    }

    @Override
    public int compareTo(JobId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
