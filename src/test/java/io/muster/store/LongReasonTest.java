package io.muster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import java.nio.file.Path;
import java.util.Map;
import io.muster.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reason longer than the store's column (a dependency list of 2,100 characters named in its
 * DEPENDENCY_FAILED reason once failed the write and left the job QUEUED for ever) is cut, so the
 * final state is always stored.
 */
class LongReasonTest {

    @ParameterizedTest
    @MethodSource("io.muster.testing.TestDatabase#both")
    void aFinalStateWithAReasonPastTheColumnIsStoredWithTheReasonCut(TestDatabase kind) {
        try (TestDatabase.Fresh database = kind.open();
             JobStore store = new JobStore(database.database().dataSource())) {
            JobRecord job = store.insertOrGet(JobRecord.accepted(JobId.generate(), null, "deps", "true", "local", null,
                    Map.of(), Path.of("/tmp/jobs/x")).withState(JobState.QUEUED, null));
            String why = "depends on " + "1234567890,".repeat(300) + " which can never complete";

            store.update(job.withState(JobState.DEPENDENCY_FAILED, why), true);

            JobRecord stored = store.find(job.id()).orElseThrow();
            assertThat(stored.state()).isEqualTo(JobState.DEPENDENCY_FAILED);
            assertThat(stored.reason()).hasSize(JobRecord.REASON_CHARS).startsWith("depends on 1234567890,").endsWith("…");
        }
    }
}
