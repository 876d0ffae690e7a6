package io.muster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.job.JobRecord;
import io.muster.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A submission stored again (the same request id, or the same broker message delivered again)
 * is answered with the job stored first, whether that job came in an earlier batch or earlier in
 * the same one; on each database the store runs on, and for batches larger than one look-up holds.
 */
@ParameterizedClass
@MethodSource("io.muster.testing.TestDatabase#both")
class InsertAgainTest {

    private final TestDatabase kind;
    private TestDatabase.Fresh database;
    private JobStore store;

    InsertAgainTest(TestDatabase kind) {
        this.kind = kind;
    }

    @BeforeEach
    void open() {
        database = kind.open();
        store = new JobStore(database.database().dataSource(), "node-a/1/alive");
    }

    @AfterEach
    void close() {
        if (database == null) { // the database is not there and the test was skipped
            return;
        }
        store.close();
        database.close();
    }

    private static JobRecord job(String requestId) {
        return JobRecord.accepted(JobId.generate(), requestId, "j", "true", "local", null, Map.of(), Path.of("/tmp/j"));
    }

    @Test
    void answersARepeatedRequestIdWithTheJobStoredInAnEarlierBatch() {
        JobRecord first = store.insertAll(List.of(job("r-1"))).get(0);

        List<JobRecord> again = store.insertAll(List.of(job("r-1"), job("r-2")));

        assertThat(again.get(0).id()).isEqualTo(first.id());
        assertThat(store.find(again.get(1).id())).isPresent();
    }

    @Test
    void answersARepeatedRequestIdWithTheJobStoredEarlierInTheSameBatch() {
        List<JobRecord> batch = List.of(job("same"), job("same"));

        List<JobRecord> stored = store.insertAll(batch);

        assertThat(stored.get(1).id()).isEqualTo(batch.get(0).id());
        assertThat(store.find(batch.get(1).id())).isEmpty();
    }

    @Test
    void answersAMessageDeliveredAgainWithItsJobThoughItHadNoRequestId() {
        JobRecord first = store.insertAll(List.of(job(null)), List.of("ID:message-1")).get(0);

        List<JobRecord> again = store.insertAll(List.of(job(null), job(null)), List.of("ID:message-1", "ID:message-2"));

        assertThat(again.get(0).id()).isEqualTo(first.id());
        assertThat(again.get(1).id()).isNotEqualTo(first.id());
        assertThat(store.find(again.get(1).id())).isPresent();
    }

    @Test
    void findsEveryRepeatOfABatchLargerThanOneLookUp() {
        // given 450 jobs stored with request and message ids
        List<JobRecord> earlier = new ArrayList<>();
        List<String> earlierMessages = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            earlier.add(job("big-" + i));
            earlierMessages.add("ID:big-" + i);
        }
        store.insertAll(earlier, earlierMessages);

        // when they come again, half by request id and half by message id only, among 100 new ones
        List<JobRecord> batch = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            batch.add(job(i % 2 == 0 ? "big-" + i : null));
            messages.add(i % 2 == 0 ? null : "ID:big-" + i);
        }
        for (int i = 0; i < 100; i++) {
            batch.add(job("new-" + i));
            messages.add("ID:new-" + i);
        }
        List<JobRecord> stored = store.insertAll(batch, messages);

        // then each repeat is the job stored first, and each new one is stored
        for (int i = 0; i < 450; i++) {
            assertThat(stored.get(i).id()).as("repeat %d", i).isEqualTo(earlier.get(i).id());
        }
        for (int i = 450; i < 550; i++) {
            assertThat(stored.get(i).id()).isEqualTo(batch.get(i).id());
            assertThat(store.find(batch.get(i).id())).isPresent();
        }
        assertThat(Collections.frequency(stored.stream().map(JobRecord::id).toList(), earlier.get(0).id())).isOne();
    }
}
