package io.muster.server;

import static io.muster.server.TestServer.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.config.ConfigException;
import io.muster.config.MusterConfig;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on PostgreSQL ({@code database.url jdbc:postgresql://…}): the job store and JBeret's
 * repository make their tables there, a job runs end to end, and a restart finds it; a wrong
 * login or an unreachable database stops the start with one line naming the setting.
 */
class PostgresServerIT {

    @TempDir
    Path dataDir;
    private String schema;

    @BeforeEach
    void emptySchema() throws Exception {
        schema = "it_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws Exception {
        admin("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private MusterConfig onPostgres(MusterConfig c) {
        return c.withDatabase(TestDatabase.inSchema(schema), TestDatabase.user(), TestDatabase.password());
    }

    @Test
    void aJobRunsEndToEndAndARestartedServerStillKnowsIt() throws Exception {
        try (TestServer muster = new TestServer(dataDir, 2, this::onPostgres)) {
            muster.submit("{\"requestId\":\"pg-1\",\"command\":\"echo on postgres\",\"backend\":\"local\"}");
            JsonNode completed = muster.awaitEvent(event("pg-1", "COMPLETED"), Duration.ofSeconds(30));
            JobId id = JobId.of(completed.path("jobId").asText());
            assertThat(Files.readString(Path.of(completed.path("stdout").asText()))).isEqualTo("on postgres\n");

            muster.stop();
            muster.start();

            assertThat(muster.server().store().find(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
            assertThat(muster.server().store().history(id)).extracting(c -> c.state())
                    .containsSubsequence(JobState.ACCEPTED, JobState.QUEUED, JobState.COMPLETED);
        }
        // both kinds of table are in PostgreSQL, not in an H2 file beside it
        assertThat(count("SELECT COUNT(*) FROM " + schema + ".muster_job")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM " + schema + ".job_execution")).isPositive();
        assertThat(dataDir.resolve("db")).doesNotExist();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aWrongPasswordStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new TestServer(dataDir, 1, c -> c.withDatabase(TestDatabase.inSchema(schema),
                TestDatabase.user(), "not-the-password")).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("setting database.password: the database at " + TestDatabase.inSchema(schema)
                        + " refused the login of database.user '" + TestDatabase.user() + "'")
                .hasMessageContaining("password authentication failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("not-the-password"));
    }

    @Test
    void anUnreachableDatabaseStopsTheStartNamingTheSetting() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + io.muster.testing.TestServer.freePort() + "/muster";

        assertThatThrownBy(() -> new TestServer(dataDir, 1, c -> c.withDatabase(url, "muster", "x")).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("setting database.url: cannot reach the database at " + url + ": ")
                .hasMessageContaining("refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
