package io.muster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobId;
import io.muster.job.JobRecord;
import io.muster.api.JobState;
import io.muster.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The store makes its tables, or brings older ones up to date, at start: on each database it runs on. */
@ParameterizedClass
@MethodSource("io.muster.testing.TestDatabase#both")
class JobStoreSchemaTest {

    private final TestDatabase kind;
    private TestDatabase.Fresh database;

    JobStoreSchemaTest(TestDatabase kind) {
        this.kind = kind;
    }

    @BeforeEach
    void open() {
        database = kind.open();
    }

    @AfterEach
    void close() {
        if (database != null) { // null when the database is not there and the test was skipped
            database.close();
        }
    }

    @Test
    void aTableOfTheFirstReleaseGetsTheNewColumnsAndKeepsItsJobs() throws Exception {
        String text = kind == TestDatabase.H2 ? "CLOB" : "TEXT";
        JobId oldId = JobId.generate();
        try (Connection c = database.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE MUSTER_JOB (ID VARCHAR(40) PRIMARY KEY, REQUEST_ID VARCHAR(200), NAME VARCHAR(200),"
                    + " COMMAND " + text + " NOT NULL, BACKEND VARCHAR(20) NOT NULL, PROFILE VARCHAR(100), OPTIONS " + text
                    + " NOT NULL, STATE VARCHAR(30) NOT NULL, SCHEDULER_ID VARCHAR(100), EXIT_CODE INT,"
                    + " REASON VARCHAR(2000), SUBMITTED_AT TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " STARTED_AT TIMESTAMP WITH TIME ZONE, ENDED_AT TIMESTAMP WITH TIME ZONE,"
                    + " WORK_DIR VARCHAR(1000) NOT NULL)");
            s.execute("INSERT INTO MUSTER_JOB (ID, COMMAND, BACKEND, OPTIONS, STATE, SUBMITTED_AT, WORK_DIR)"
                    + " VALUES ('" + oldId.value() + "', 'true', 'local', '{}', 'COMPLETED', CURRENT_TIMESTAMP, '/tmp/old')");
        }

        try (JobStore store = new JobStore(database.database().dataSource())) {
            JobRecord old = store.find(oldId).orElseThrow();
            assertThat(old.state()).isEqualTo(JobState.COMPLETED);
            assertThat(old.user()).isNull();

            JobRecord fresh = store.insertOrGet(JobRecord.accepted(JobId.generate(), null, "new", "true", "local", null,
                    Map.of(), Path.of("/tmp/new"), "ann"));
            assertThat(store.find(fresh.id()).orElseThrow().user()).isEqualTo("ann");
        }
    }

    @Test
    void storesOpeningTogetherOnOneDatabaseAllStartAndShareTheirJobs() throws Exception {
        ExecutorService starts = Executors.newFixedThreadPool(4);
        List<JobStore> stores = new ArrayList<>();
        try {
            List<Future<JobStore>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<JobStore> open = () -> new JobStore(database.database().dataSource());
                opening.add(starts.submit(open));
            }
            for (Future<JobStore> f : opening) {
                stores.add(f.get());
            }

            JobRecord job = stores.get(0).insertOrGet(JobRecord.accepted(JobId.generate(), "shared", "a", "true",
                    "local", null, Map.of(), Path.of("/tmp/a")));

            assertThat(stores.get(3).findByRequestId("shared")).map(JobRecord::id).contains(job.id());
        } finally {
            stores.forEach(JobStore::close);
            starts.shutdownNow();
        }
    }
}
