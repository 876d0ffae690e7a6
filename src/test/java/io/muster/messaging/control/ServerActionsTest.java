package io.muster.messaging.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobState;
import io.muster.messaging.Submissions;
import io.muster.scheduler.SchedulerJob;
import io.muster.scheduler.SchedulerStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The actions on the queue and the server: QueueRequests (queue, count), DryRuns (render), ProfileRequests. */
class ServerActionsTest extends ControlTestBase {

    @Test
    void theQueueListsTheJobsAFilterMatchesAndTheCountCountsThemByState() {
        fixture.stored("ann");
        fixture.stored("olga");
        QueueRequests queue = new QueueRequests(fixture.view(), fixture.schedulers);
        ObjectNode request = ControlFixture.request("queue");
        request.putObject("filter").put("user", "ann");

        assertThat(queue.queue(request, ControlFixture.VIEWER).path("jobs")).hasSize(1);
        assertThat(queue.count(ControlFixture.request("count"), ControlFixture.VIEWER).path("byState")
                .path("ACCEPTED").asInt()).isEqualTo(2);
    }

    @Test
    void givenAProfileWithScriptpath_whenSentToTheServer_thenBadRequestNamingItAndTheProfilesStay() {
        ObjectNode request = ControlFixture.request("profiles");
        request.set("profiles", Submissions.JSON.valueToTree(java.util.Map.of("bad2", java.util.Map.of("scriptpath", "x"))));

        ObjectNode answer = fixture.requests().handle(request.toString(), ControlFixture.ADMIN);

        assertThat(ControlFixture.error(answer)).isEqualTo("BAD_REQUEST");
        assertThat(answer.path("message").asText()).contains("profiles.bad2.scriptpath: 'x' ");
    }

    @Test
    void givenAProfileWhoseOutfileIsOutsideTheServersWorkRoot_whenSent_thenTheServerRefusesItByItsOwnRoot() {
        ObjectNode request = ControlFixture.request("profiles");
        request.set("profiles", Submissions.JSON.valueToTree(java.util.Map.of("away", java.util.Map.of("outfile", "/etc/x.out"))));

        ObjectNode answer = fixture.requests().handle(request.toString(), ControlFixture.ADMIN);

        assertThat(ControlFixture.error(answer)).isEqualTo("BAD_REQUEST");
        assertThat(answer.path("message").asText()).contains("a job using them would be rejected", "profile away: outfile '/etc/x.out'");
    }

    @Test
    void theQueueOfABackendNotRunningHereIsUnavailable() {
        ObjectNode answer = new QueueRequests(fixture.view(), fixture.schedulers)
                .queue(ControlFixture.request("queue").put("scheduler", "slurm"), ControlFixture.VIEWER);

        assertThat(ControlFixture.error(answer)).isEqualTo("BACKEND_UNAVAILABLE");
    }

    /** Regression: queue --scheduler showed Muster's id beside Slurm jobs only (Torque and Grid Engine carry no tag). */
    @Test
    void aSchedulerJobWithoutMustersTagIsNamedByTheStoreAndATorqueTaskByItsArray() {
        Map<String, String> ours = Map.of("41.head", "mwxaaaaa-11111", "42[].head", "mwxbbbbb-22222", "43", "mwxccccc-33333");

        assertThat(QueueRequests.musterId(job("41.head", null), ours)).isEqualTo("mwxaaaaa-11111");
        assertThat(QueueRequests.musterId(job("42[3].head", null), ours)).isEqualTo("mwxbbbbb-22222");
        assertThat(QueueRequests.musterId(job("43", null), ours)).isEqualTo("mwxccccc-33333");
        assertThat(QueueRequests.musterId(job("44.head", null), ours)).isNull();
        assertThat(QueueRequests.musterId(job("45_1", "mwxddddd-44444"), ours)).isEqualTo("mwxddddd-44444");
    }

    private static SchedulerJob job(String schedulerId, String tag) {
        return new SchedulerJob(schedulerId, tag, "name", "ann", SchedulerStatus.of(JobState.QUEUED));
    }

    @Test
    void aDryRunNeedsTheSubmitRoleAndASubmission() {
        DryRuns dryRuns = new DryRuns(fixture.submissions(), fixture.schedulers);

        assertThat(ControlFixture.error(dryRuns.answer(ControlFixture.request("render"), ControlFixture.VIEWER)))
                .isEqualTo("FORBIDDEN");
        assertThatThrownBy(() -> dryRuns.answer(ControlFixture.request("render"), ControlFixture.ANN))
                .hasMessageContaining("render needs a 'submission' object");
    }

    @Test
    void aDryRunOfABadSubmissionIsRejectedWithEveryViolation() throws Exception {
        ObjectNode request = ControlFixture.request("render");
        request.set("submission", Submissions.JSON.readTree("{\"command\":\"true\",\"options\":{\"mem\":\"lots\"}}"));

        ObjectNode answer = new DryRuns(fixture.submissions(), fixture.schedulers).answer(request, ControlFixture.ANN);

        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(ControlFixture.error(answer)).isEqualTo("INVALID_SUBMISSION");
        assertThat(answer.path("violations").get(0).path("option").asText()).isEqualTo("mem");
    }

    @Test
    void newProfilesNeedAdminAndAnswerTheirNames() throws Exception {
        ProfileRequests profiles = new ProfileRequests(fixture.submissions());
        ObjectNode request = ControlFixture.request("profiles");
        request.set("profiles", Submissions.JSON.readTree("{\"large\":{\"cores\":2}}"));

        assertThat(ControlFixture.error(profiles.answer(request, ControlFixture.ANN))).isEqualTo("FORBIDDEN");
        assertThat(profiles.answer(request, ControlFixture.ADMIN).path("profiles").toString()).contains("large");
    }
}
