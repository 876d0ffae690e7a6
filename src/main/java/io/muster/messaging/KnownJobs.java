package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.api.JobId;
import io.muster.job.JobRecord;
import io.muster.tracking.JobLifecycle;
import java.util.NoSuchElementException;

/** The jobs a control request names: a text that is no job id, or an id nobody has, is no job. */
final class KnownJobs {

    private final JobLifecycle lifecycle;

    KnownJobs(JobLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** The job with this id, or null. */
    JobRecord find(String id) {
        if (!JobId.looksLikeJobId(id)) {
            return null;
        }
        try {
            return lifecycle.get(JobId.of(id));
        } catch (NoSuchElementException e) {
            return null;
        }
    }

    static ObjectNode unknown(String id) {
        return Answers.error(ErrorCode.UNKNOWN_JOB, "no job " + id);
    }
}
