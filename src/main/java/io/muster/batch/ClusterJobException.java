package io.muster.batch;

import io.muster.job.JobRecord;

/** Fails a {@code clusterJob} step: its job ended in a bad state, or was refused. Names the job and why. */
public class ClusterJobException extends RuntimeException {

    public ClusterJobException(String message) {
        super(message);
    }

    static ClusterJobException ended(String step, JobRecord job) {
        StringBuilder s = new StringBuilder("step '").append(step).append("': job ").append(job.id())
                .append(" (").append(job.command()).append(") ended ").append(job.state());
        if (job.exitCode() != null) {
            s.append(" with exit code ").append(job.exitCode());
        }
        if (job.reason() != null) {
            s.append(": ").append(job.reason());
        }
        if (job.workDir() != null) {
            s.append(" (stderr: ").append(job.stderrPath()).append(')');
        }
        return new ClusterJobException(s.toString());
    }
}
