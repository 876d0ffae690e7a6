package io.muster.scheduler.slurm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slurm job id as squeue and sacct print it: {@code 13} (a job, or a whole array),
 * {@code 13_0} (one task), {@code 13_[1-2]} or {@code 5_[2-3%2]} (pending tasks, at most 2 at a
 * time), {@code 7_[1,4-8:2]} (a list with a step); {@code 9+0} (a heterogeneous job's component)
 * counts as job 9.
 *
 * @param job   the job (or array) number
 * @param tasks null for the whole job, else the task expression without brackets and limit
 */
record ArrayId(String job, String tasks) {

    private static final Pattern FORM = Pattern.compile("(\\d+)(?:\\+\\d+)?(?:_(\\d+|\\[([^]]*)]))?(?:\\.\\S+)?");

    static ArrayId parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Slurm job id: '" + text + "'");
        }
        String tasks = m.group(3) != null ? m.group(3) : m.group(2);
        if (tasks != null) {
            int limit = tasks.indexOf('%');
            tasks = limit < 0 ? tasks : tasks.substring(0, limit);
        }
        return new ArrayId(m.group(1), tasks);
    }

    boolean isWholeJob() {
        return tasks == null;
    }

    /** True if this id, as asked for, includes the row {@code other}: the whole array includes each task. */
    boolean covers(ArrayId other) {
        if (!job.equals(other.job)) {
            return false;
        }
        if (isWholeJob()) {
            return true;
        }
        if (other.isWholeJob()) {
            return false;
        }
        int task = Integer.parseInt(tasks);
        return other.contains(task);
    }

    /** True if {@code task} is in this id's task expression: {@code 3}, {@code 1-4}, {@code 1,4-8:2}. */
    boolean contains(int task) {
        if (tasks == null) {
            return false;
        }
        for (String part : tasks.split(",")) {
            String range = part;
            int step = 1;
            int colon = part.indexOf(':');
            if (colon >= 0) {
                range = part.substring(0, colon);
                step = Integer.parseInt(part.substring(colon + 1));
            }
            int dash = range.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
            if (task >= from && task <= to && (task - from) % step == 0) {
                return true;
            }
        }
        return false;
    }
}
