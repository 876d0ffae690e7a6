package io.muster.client;

/** The server has no job with this id. */
public class UnknownJobException extends MusterException {

    private final String jobId;

    public UnknownJobException(String jobId) {
        super("no job " + jobId);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
