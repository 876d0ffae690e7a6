package io.muster.client;

import io.muster.api.ErrorCode;

/** The server has no job with this id. */
public class UnknownJobException extends MusterException {

    private final String jobId;

    public UnknownJobException(String jobId) {
        super(ErrorCode.UNKNOWN_JOB, "no job " + jobId);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
