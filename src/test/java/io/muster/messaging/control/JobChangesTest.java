package io.muster.messaging.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.job.JobRecord;
import io.muster.messaging.Sender;
import org.junit.jupiter.api.Test;

/**
 * The actions that change jobs, each with its own rights: CancelRequests, CleanRequests,
 * Resubmissions.
 */
class JobChangesTest extends ControlTestBase {

    private ObjectNode cancel(Sender sender, String... ids) {
        ObjectNode request = ControlFixture.request("cancel");
        for (String id : ids) {
            request.withArray("jobIds").add(id);
        }
        return new CancelRequests(fixture.jobs(), fixture.control()).answer(request, sender);
    }

    @Test
    void cancelRefusesSomebodyElsesJobAndGoesOnWithTheOthers() {
        JobRecord anns = fixture.stored("ann");

        ObjectNode answer = cancel(ControlFixture.OLGA, anns.id().value(), "zzzzzzzz-00000");

        assertThat(answer.path("results").get(0).path("result").asText()).isEqualTo("FAILED");
        assertThat(answer.path("results").get(0).path("message").asText()).contains("olga", "ann");
        assertThat(answer.path("results").get(1).path("result").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void cleanByAFilterNamingSomebodyElseIsForbidden() {
        ObjectNode request = ControlFixture.request("clean");
        request.putObject("filter").put("user", "ann");

        ObjectNode answer = new CleanRequests(fixture.jobs(), fixture.control(), fixture.view())
                .answer(request, ControlFixture.OLGA);

        assertThat(ControlFixture.error(answer)).isEqualTo("FORBIDDEN");
        assertThat(answer.path("message").asText()).contains("may not clean the jobs of ann");
    }

    @Test
    void cleanNeedsJobIdsOrAFilter() {
        assertThatThrownBy(() -> new CleanRequests(fixture.jobs(), fixture.control(), fixture.view())
                .answer(ControlFixture.request("clean"), ControlFixture.ANN))
                .hasMessage("clean needs 'jobIds' or a 'filter' (finished jobs only)");
    }

    private Resubmissions resubmissions() {
        return new Resubmissions(fixture.jobs(), fixture.submissions(), fixture.lifecycle, fixture.started::add);
    }

    @Test
    void aResubmissionIsTheOldJobsSubmissionWithoutItsName() {
        JobRecord old = fixture.stored("ann");

        ObjectNode submission = Resubmissions.submissionOf(old, "again-1");

        assertThat(submission.path("requestId").asText()).isEqualTo("again-1");
        assertThat(submission.path("command").asText()).isEqualTo("echo hi");
        assertThat(submission.path("user").asText()).isEqualTo("ann");
        assertThat(submission.path("options").has("name")).isFalse();
        assertThat(submission.path("options").path("cores").asInt()).isEqualTo(1);
    }

    @Test
    void resubmitStoresANewJobLinksItToTheOldAndDispatchesIt() {
        JobRecord old = fixture.stored("ann");

        ObjectNode answer = resubmissions().answer(ControlFixture.request("resubmit", old), ControlFixture.ANN);

        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("ACCEPTED");
        assertThat(answer.path("resubmittedFrom").asText()).isEqualTo(old.id().value());
        assertThat(fixture.started).extracting(j -> j.id().value()).containsExactly(answer.path("jobId").asText());
        assertThat(fixture.store.resubmissionsOf(old.id())).extracting(Object::toString)
                .containsExactly(answer.path("jobId").asText());
    }

    @Test
    void givenAKeyOfOlgasJob_whenAnnResubmitsWithIt_thenRejectedWithoutOlgasJob() {
        JobRecord olgas = fixture.store.insertOrGet(io.muster.job.JobRecord.accepted(io.muster.api.JobId.generate(),
                "nightly", "test", "echo hi", "local", null, java.util.Map.of("cores", 1), fixture.workRoot, "olga"));
        JobRecord anns = fixture.stored("ann");

        ObjectNode answer = resubmissions().answer(ControlFixture.request("resubmit", anns).put("requestId", "nightly"),
                ControlFixture.ANN);

        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(answer.toString()).doesNotContain(olgas.id().value());
        assertThat(answer.path("violations").get(0).path("message").asText())
                .isEqualTo("requestId 'nightly' is taken by another user's submission; choose another requestId");
        assertThat(fixture.started).isEmpty();
    }

    @Test
    void resubmitOfSomebodyElsesJobIsForbiddenAndOfAnUnknownOneUnknown() {
        JobRecord anns = fixture.stored("ann");

        assertThat(ControlFixture.error(resubmissions().answer(ControlFixture.request("resubmit", anns),
                ControlFixture.OLGA))).isEqualTo("FORBIDDEN");
        assertThat(ControlFixture.error(resubmissions().answer(ControlFixture.request("resubmit")
                .put("jobId", "zzzzzzzz-00000"), ControlFixture.ANN))).isEqualTo("UNKNOWN_JOB");
        assertThat(fixture.started).isEmpty();
    }
}
