package io.muster.testing;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import java.nio.file.Path;
import java.util.Map;

/** Job records for tests that need one without a store. */
public final class TestRecords {

    private TestRecords() {
    }

    /** A job accepted with {@code echo hi} and no options, under a work directory that does not exist. */
    public static JobRecord accepted(JobId id, String backend) {
        return JobRecord.accepted(id, null, "test", "echo hi", backend, null, Map.of(),
                Path.of("/nonexistent/muster-test-work"));
    }

    /** A job accepted with {@code echo hi} under a request id, submitted by {@code user}. */
    public static JobRecord keyed(String requestId, String user) {
        return JobRecord.accepted(JobId.generate(), requestId, "test", "echo hi", "local", null, Map.of(),
                Path.of("/nonexistent/muster-test-work"), user);
    }

    /** The same job, handed to {@code backend} and queued there. */
    public static JobRecord queued(JobId id, String backend) {
        return accepted(id, backend).withSchedulerId("1").withState(JobState.QUEUED, null);
    }
}
