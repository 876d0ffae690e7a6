package io.muster.messaging.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.messaging.Submissions;
import io.muster.store.JobFilter;
import io.muster.testing.TestRecords;
import org.junit.jupiter.api.Test;

/** ControlJson: the fields of control requests, and a job as the queue shows it. */
class ControlJsonTest {

    @Test
    void aFilterReadsStatesUserAndLimit() throws Exception {
        JobFilter filter = ControlJson.filter(Submissions.JSON.readTree(
                "{\"states\":[\"RUNNING\",\"QUEUED\"],\"user\":\"ann\",\"limit\":5}"));

        assertThat(filter.states()).containsExactlyInAnyOrder(JobState.RUNNING, JobState.QUEUED);
        assertThat(filter.user()).isEqualTo("ann");
        assertThat(filter.limit()).isEqualTo(5);
    }

    @Test
    void rejectsAnUnknownFilterFieldSoATypoDoesNotWidenTheView() {
        assertThatThrownBy(() -> ControlJson.filter(Submissions.JSON.readTree("{\"usr\":\"ann\"}")))
                .hasMessageContaining("unknown filter field 'usr'").hasMessageContaining("user");
    }

    @Test
    void rejectsAnUnknownState() {
        assertThatThrownBy(() -> ControlJson.filter(Submissions.JSON.readTree("{\"states\":[\"SLEEPING\"]}")))
                .hasMessage("unknown state 'SLEEPING'");
    }

    @Test
    void aSummaryHasTheRecordAndNullForAnExitCodeNotKnown() {
        ObjectNode summary = ControlJson.summary(TestRecords.accepted(JobId.of("mwxabcde-12345"), "local"));

        assertThat(summary.path("jobId").asText()).isEqualTo("mwxabcde-12345");
        assertThat(summary.path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(summary.path("group").asText()).isEqualTo("ACTIVE");
        assertThat(summary.get("exitCode").isNull()).isTrue();
    }

    @Test
    void requiredIdsAreANonEmptyArray() {
        assertThatThrownBy(() -> ControlJson.requiredIds(ControlFixture.request("cancel")))
                .hasMessage("action 'cancel' needs 'jobIds', a non-empty array of job ids");
    }
}
