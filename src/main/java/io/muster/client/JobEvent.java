package io.muster.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.JobState;
import io.muster.api.Violation;
import java.time.Instant;
import java.util.List;

/**
 * One state change of one job, as published on {@code muster.events} (a CloudEvent whose
 * {@code data} holds these facts).
 *
 * @param eventId   stable for a job and state ({@code jobId:STATE}): a duplicate delivery has the same id
 * @param type      {@code io.muster.job.<state>}
 * @param exitCode  known once the job has ended, if it ran
 * @param stdout    path of the job's standard output file on the server's file system
 * @param violations why a submission was refused (REJECTED events only)
 * @param json      the whole CloudEvent as received
 */
public record JobEvent(String eventId, String type, String jobId, String requestId, String name, String user,
                       String backend, String schedulerId, JobState state, Integer exitCode, String reason,
                       Instant submitted, Instant started, Instant ended, String stdout, String stderr,
                       List<Violation> violations, String json) {

    public JobEvent {
        violations = List.copyOf(violations);
    }

    /** True for COMPLETED and every bad state: no further event will come for this job. */
    public boolean isFinal() {
        return state != null && state.isFinal();
    }

    static JobEvent parse(String text) {
        JsonNode event = Json.parse(text);
        JsonNode data = event.path("data");
        return new JobEvent(Json.text(event, "id"), Json.text(event, "type"), Json.text(data, "jobId"),
                Json.text(data, "requestId"), Json.text(data, "name"), Json.text(data, "user"),
                Json.text(data, "backend"), Json.text(data, "schedulerId"), Json.state(data, "state"),
                Json.integer(data, "exitCode"), Json.text(data, "reason"), Json.instant(data, "submitted"),
                Json.instant(data, "started"), Json.instant(data, "ended"), Json.text(data, "stdout"),
                Json.text(data, "stderr"), Json.violations(data.get("violations")), text);
    }
}
