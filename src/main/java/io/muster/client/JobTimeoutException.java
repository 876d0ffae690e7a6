package io.muster.client;

import java.time.Duration;
import java.util.List;

/** Waiting for jobs took longer than allowed. The jobs go on running; the message names each one still going. */
public class JobTimeoutException extends MusterException {

    private final List<String> jobIds;
    private final Duration timeout;

    public JobTimeoutException(List<String> jobIds, Duration timeout, String message) {
        super(message);
        this.jobIds = List.copyOf(jobIds);
        this.timeout = timeout;
    }

    /** The jobs that had not ended when the time was up. */
    public List<String> jobIds() {
        return jobIds;
    }

    public Duration timeout() {
        return timeout;
    }
}
