package io.muster.scheduler.torque;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Torque/PBS job id as qsub and qstat print it, normalised for matching: {@code 12345.server}
 * and {@code 12345} are job 12345; {@code 12345[].server} is the whole array 12345;
 * {@code 12345[24]} or {@code 12345[24].server} is its task 24. The server part is dropped, since
 * qsub may print a short host name where qstat prints the full one.
 *
 * @param job   the job (or array) number
 * @param index the array task, null for a job or a whole array
 * @param array true for an array or one of its tasks ({@code []} in the id)
 */
record PbsId(String job, Integer index, boolean array) {

    private static final Pattern FORM = Pattern.compile("(\\d+)(\\[(\\d*)])?(?:\\.[A-Za-z0-9][\\w.-]*)?");

    static PbsId parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PBS job id (12345.server, 12345[], 12345[24]): '" + text + "'");
        }
        String index = m.group(3);
        return new PbsId(m.group(1), index == null || index.isEmpty() ? null : Integer.valueOf(index), m.group(2) != null);
    }

    /** True for a whole array ({@code 12345[]}), whose status is its own line or its tasks' aggregate. */
    boolean isWholeArray() {
        return array && index == null;
    }

    /** True if {@code task} is one of this whole array's tasks. */
    boolean hasTask(PbsId task) {
        return isWholeArray() && task.array && task.index != null && task.job.equals(job);
    }
}
