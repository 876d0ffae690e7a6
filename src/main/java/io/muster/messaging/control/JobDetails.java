package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.ArrayIndices;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.messaging.Answers;
import io.muster.messaging.Sender;
import io.muster.queue.JobDetail;
import io.muster.queue.QueueView;
import io.muster.scheduler.ExitCodes;
import io.muster.store.StateChange;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** {@code job}: everything known of one job, its history, resubmission links, files and an array's tasks. */
final class JobDetails implements ControlAction {

    private final QueueView view;

    JobDetails(QueueView view) {
        this.view = view;
    }

    @Override
    public ObjectNode answer(JsonNode request, Sender sender) {
        String id = ControlJson.requiredId(request);
        JobDetail detail = JobId.looksLikeJobId(id) ? view.job(JobId.of(id)).orElse(null) : null;
        if (detail == null) {
            return KnownJobs.unknown(id);
        }
        ObjectNode job = ControlJson.summary(detail.job());
        ArrayNode history = job.putArray("history");
        for (StateChange change : detail.history()) {
            history.addObject().put("state", change.state().name()).put("at", ControlJson.time(change.at()))
                    .put("reason", change.reason());
        }
        job.put("resubmittedFrom", detail.resubmittedFrom() == null ? null : detail.resubmittedFrom().value());
        job.set("resubmissions", ControlJson.strings(detail.resubmissions().stream().map(JobId::value).toList()));
        JobFiles files = detail.files();
        job.put("script", files.script().toString());
        job.put("wrapper", files.wrapper().toString());
        job.put("exitCodeFile", files.exitCode().toString());
        putTasks(job, detail.job(), files);
        ObjectNode answer = Answers.ok();
        answer.set("job", job);
        return answer;
    }

    /**
     * An array job's tasks, from the files each task's wrapper writes (the same on every backend):
     * {@code index, state, exitCode, stdout}. A task with an exit code COMPLETED or FAILED; one
     * started and not ended RUNNING; one not started QUEUED; a task that had not ended when the
     * job did ends as the job (CANCELLED, TIMEOUT, ...), without an exit code.
     */
    static void putTasks(ObjectNode target, JobRecord job, JobFiles files) {
        List<Integer> indices = files.taskIndices()
                .or(() -> ArrayIndices.readable(job.options()).map(ArrayIndices::indices))
                .orElse(null);
        if (indices == null) {
            return;
        }
        Map<Integer, Integer> codes = ExitCodes.taskExitCodes(files);
        ArrayNode tasks = target.putArray("tasks");
        for (int index : indices) {
            Integer code = codes.get(index);
            JobState state = code != null ? (code == 0 ? JobState.COMPLETED : JobState.FAILED)
                    : job.state().isFinal() ? job.state()
                    : Files.exists(JobFiles.task(files.started(), index)) ? JobState.RUNNING : JobState.QUEUED;
            ObjectNode task = tasks.addObject().put("index", index).put("state", state.name());
            ControlJson.putNumber(task, "exitCode", code);
            task.put("stdout", JobFiles.task(files.stdout(), index).toString());
        }
    }
}
