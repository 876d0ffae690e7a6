package io.muster.messaging.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.job.JobRecord;
import io.muster.messaging.Answers;
import io.muster.queue.JobControl;

/** The jobs a control request names: a text that is no job id, or an id nobody has, is no job. */
final class KnownJobs {

    private final JobControl control;

    KnownJobs(JobControl control) {
        this.control = control;
    }

    /** The job with this id, or null. */
    JobRecord find(String id) {
        return control.find(id);
    }

    static ObjectNode unknown(String id) {
        return Answers.error(ErrorCode.UNKNOWN_JOB, "no job " + id);
    }
}
