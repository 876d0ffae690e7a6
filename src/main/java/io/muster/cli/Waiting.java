package io.muster.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobResult;
import io.muster.client.JobHandle;
import io.muster.client.Jobs;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Waiting for jobs from the command line: a progress bar (done/total, elapsed, ETA) on stderr
 * when a person watches a terminal, nothing otherwise; a line per job that ended badly.
 */
final class Waiting {

    private Waiting() {
    }

    /** True when stdin and stdout are a terminal: someone is watching. */
    static boolean attachedToTerminal() {
        return System.console() != null;
    }

    /** Waits; returns the results in order, or throws the client's timeout naming the jobs still going. */
    static List<JobResult> await(List<JobHandle> jobs, Duration timeout, boolean progress, PrintStream terminal)
            throws InterruptedException {
        if (!progress || jobs.isEmpty()) {
            return Jobs.awaitAll(jobs, timeout);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(jobs.size() == 1 ? "job" : "jobs")
                .setInitialMax(jobs.size())
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .continuousUpdate()
                .build();
        try {
            bar.stepTo(jobs.stream().filter(JobHandle::isDone).count());
            return Jobs.awaitAll(jobs, timeout, (job, done, total) -> {
                bar.stepTo(done);
                bar.setExtraMessage(job.id() + " " + job.state());
            });
        } finally {
            bar.close();
        }
    }

    /** The results as a JSON array, one object per job in order: jobId, name, state, exitCode, reason. */
    static ArrayNode json(List<JobResult> results, List<JobHandle> jobs) {
        ArrayNode array = new ObjectMapper().createArrayNode();
        for (int i = 0; i < jobs.size(); i++) {
            JobResult r = results.get(i);
            ObjectNode node = array.addObject().put("jobId", jobs.get(i).id()).put("name", jobs.get(i).name())
                    .put("state", r.state().name());
            if (r.exitCode() == null) {
                node.putNull("exitCode");
            } else {
                node.put("exitCode", r.exitCode());
            }
            node.put("reason", r.reason());
        }
        return array;
    }

    /**
     * The jobs as {@link #json} gives them, at a time some have not ended: those still going with
     * their latest state and a null exit code and reason.
     */
    static ArrayNode jsonNow(List<JobHandle> jobs) {
        ArrayNode array = new ObjectMapper().createArrayNode();
        for (JobHandle job : jobs) {
            JobResult r = job.onCompletion().isDone() && !job.onCompletion().isCompletedExceptionally()
                    ? job.onCompletion().join() : null;
            ObjectNode node = array.addObject().put("jobId", job.id()).put("name", job.name())
                    .put("state", (r == null ? job.state() : r.state()).name());
            if (r == null || r.exitCode() == null) {
                node.putNull("exitCode");
            } else {
                node.put("exitCode", r.exitCode());
            }
            node.put("reason", r == null ? null : r.reason());
        }
        return array;
    }

    /** The exit status for these results: OK when every job completed. */
    static int status(List<JobResult> results) {
        return results.stream().allMatch(JobResult::succeeded) ? ExitStatus.OK : ExitStatus.JOB_FAILED;
    }

    /** Prints a line for each job that did not complete; returns the exit status. */
    static int report(List<JobResult> results, List<JobHandle> jobs, PrintWriter err) {
        int status = ExitStatus.OK;
        for (int i = 0; i < results.size(); i++) {
            JobResult r = results.get(i);
            if (!r.succeeded()) {
                err.println("muster: job " + r.id() + " (" + jobs.get(i).name() + ") ended " + r.state()
                        + (r.exitCode() == null ? "" : ", exit code " + r.exitCode())
                        + (r.reason() == null ? "" : ": " + r.reason()));
                status = ExitStatus.JOB_FAILED;
            }
        }
        return status;
    }
}
