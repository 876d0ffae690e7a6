package io.muster.messaging.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.job.JobRecord;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The actions on one job: JobDetails (job), JobOutputs (output, collected), KnownJobs (which ids are jobs). */
class JobActionsTest extends ControlTestBase {

    @Test
    void knownJobsTakeNoTextThatIsNoJobIdForAJob() {
        JobRecord job = fixture.stored("ann");

        assertThat(fixture.jobs().find("../etc/passwd")).isNull();
        assertThat(fixture.jobs().find("zzzzzzzz-00000")).isNull();
        assertThat(fixture.jobs().find(job.id().value()).id()).isEqualTo(job.id());
    }

    @Test
    void jobDetailsOfAnUnknownIdAnswerUnknownJob() {
        ObjectNode answer = new JobDetails(fixture.view()).answer(
                ControlFixture.request("job").put("jobId", "zzzzzzzz-00000"), ControlFixture.ANN);

        assertThat(ControlFixture.error(answer)).isEqualTo("UNKNOWN_JOB");
        assertThat(answer.path("message").asText()).isEqualTo("no job zzzzzzzz-00000");
    }

    @Test
    void jobDetailsHaveTheHistoryFilesAndLinks() {
        JobRecord job = fixture.stored("ann");

        ObjectNode answer = new JobDetails(fixture.view()).answer(ControlFixture.request("job", job), ControlFixture.ANN);

        assertThat(answer.path("status").asText()).isEqualTo("OK");
        assertThat(answer.path("job").path("history").get(0).path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.path("job").path("script").asText()).endsWith("job.sh");
        assertThat(answer.path("job").path("resubmissions")).isEmpty();
    }

    @Test
    void givenAStoredJobWithAnArrayRangeThatDoesNotParse_whenItsDetailsAreAsked_thenTheyAnswerWithoutTasks() {
        JobRecord job = fixture.stored("ann", java.util.Map.of("cores", 1, "array", "1-3:0"));

        ObjectNode answer = new JobDetails(fixture.view()).answer(ControlFixture.request("job", job), ControlFixture.ANN);

        assertThat(answer.path("status").asText()).isEqualTo("OK");
        assertThat(answer.path("job").path("jobId").asText()).isEqualTo(job.id().value());
        assertThat(answer.path("job").has("tasks")).isFalse();
    }

    @Test
    void theOutputOfAJobThatWroteNoneYetIsEmptyNotAnError() {
        JobRecord job = fixture.stored("ann");

        ObjectNode answer = new JobOutputs(fixture.jobs(), fixture.control())
                .output(ControlFixture.request("output", job), ControlFixture.VIEWER);

        assertThat(answer.path("status").asText()).isEqualTo("OK");
        assertThat(answer.path("text").asText()).isEmpty();
        assertThat(answer.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void theOutputIsCutAtMaxBytes() throws Exception {
        JobRecord job = fixture.stored("ann");
        Files.createDirectories(job.stdoutPath().getParent());
        Files.writeString(job.stdoutPath(), "0123456789");

        ObjectNode answer = new JobOutputs(fixture.jobs(), fixture.control())
                .output(ControlFixture.request("output", job).put("maxBytes", 4), ControlFixture.VIEWER);

        assertThat(answer.path("text").asText()).isEqualTo("0123");
        assertThat(answer.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void anOutputStreamOtherThanStdoutOrStderrIsABadRequest() {
        JobRecord job = fixture.stored("ann");

        assertThatThrownBy(() -> new JobOutputs(fixture.jobs(), fixture.control())
                .output(ControlFixture.request("output", job).put("stream", "stdin"), ControlFixture.ANN))
                .hasMessage("stream must be stdout or stderr, was 'stdin'");
    }

    @Test
    void collectedOfAnActiveJobDeletesNothing() {
        JobRecord job = fixture.stored("ann");

        ObjectNode answer = new JobOutputs(fixture.jobs(), fixture.control())
                .collected(ControlFixture.request("collected", job), ControlFixture.ANN);

        assertThat(answer.path("status").asText()).isEqualTo("OK");
        assertThat(answer.path("deleted")).isEmpty();
        assertThat(List.of(answer.path("jobId").asText())).containsExactly(job.id().value());
    }
}
