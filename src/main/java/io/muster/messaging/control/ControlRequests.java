package io.muster.messaging.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.job.JobRecord;
import io.muster.messaging.Answers;
import io.muster.messaging.Sender;
import io.muster.messaging.Submissions;
import io.muster.queue.JobControl;
import io.muster.queue.QueueView;
import io.muster.scheduler.Schedulers;
import io.muster.tracking.JobLifecycle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The control protocol of {@code muster.control}: a JSON request in, a JSON answer out. No JMS
 * here, so every action can be tested without a broker; {@link ControlListener} moves the text.
 * This class reads the request and routes it by its {@code action} to the class that carries it
 * out; each answers in the one shape of {@link Answers}.
 *
 * <p>A request is an object with {@code action}; the answer has {@code status} {@code OK} (or, for
 * {@code resubmit} and {@code render}, {@code ACCEPTED}/{@code REJECTED} as a submission's reply) or
 * {@code ERROR} with an {@code error} code and a {@code message}. Actions: {@code ping},
 * {@code queue}, {@code count}, {@code job}, {@code output}, {@code collected}, {@code cancel},
 * {@code resubmit}, {@code clean}, {@code render}, {@code profiles}. The README's "Queue and
 * control messages" section documents each one.
 *
 * <p>Who may do what ({@link Rights}): the views ({@code ping}, {@code queue}, {@code count},
 * {@code job}, {@code output}) are open to every sender; {@code render} needs {@code submit};
 * {@code cancel}, {@code resubmit} and {@code clean} need {@code submit} and the job's
 * {@code user} to be the sender's login, or {@code admin}; {@code profiles} needs {@code admin}.
 * A refusal answers as other failures do: an {@code ERROR} ({@code FORBIDDEN}) for the one job of
 * {@code resubmit}, a {@code FAILED} result (cancel) or a {@code skipped} reason (clean) for that
 * job of a batch, whose other jobs are still done.
 */
public final class ControlRequests {

    /** The actions, in the order the README lists them. */
    public static final List<String> ACTIONS = List.of("ping", "queue", "count", "job", "output", "collected",
            "cancel", "resubmit", "clean", "render", "profiles");

    private final Map<String, ControlAction> actions = new LinkedHashMap<>();

    /** @param starter dispatches a job accepted here (a resubmission) */
    public ControlRequests(JobLifecycle lifecycle, Schedulers schedulers, Submissions submissions, Path workRoot,
                           Consumer<JobRecord> starter) {
        QueueView view = new QueueView(lifecycle.store());
        JobControl control = new JobControl(lifecycle, schedulers, workRoot);
        KnownJobs jobs = new KnownJobs(control);
        QueueRequests queue = new QueueRequests(view, schedulers);
        JobOutputs outputs = new JobOutputs(jobs, control);
        actions.put("ping", (request, sender) -> Answers.ok().put("server", "muster")
                .set("backends", ControlJson.strings(schedulers.names())));
        actions.put("queue", queue::queue);
        actions.put("count", queue::count);
        actions.put("job", new JobDetails(view));
        actions.put("output", outputs::output);
        actions.put("collected", outputs::collected);
        actions.put("cancel", new CancelRequests(jobs, control));
        actions.put("resubmit", new Resubmissions(jobs, submissions, lifecycle, starter));
        actions.put("clean", new CleanRequests(jobs, control, view));
        actions.put("render", new DryRuns(submissions, schedulers));
        actions.put("profiles", new ProfileRequests(submissions));
        if (!List.copyOf(actions.keySet()).equals(ACTIONS)) {
            throw new IllegalStateException("ACTIONS must name every action: " + actions.keySet());
        }
    }

    /** {@link #handle(String, Sender)} with nothing checked: for a broker without users. */
    public ObjectNode handle(String body) {
        return handle(body, Sender.UNRESTRICTED);
    }

    /**
     * Answers one request body; never throws: a bad request gets an ERROR answer saying why.
     *
     * @param sender who asks, and with which roles; what she may not do is refused, naming her,
     *               the job and the role she lacks
     */
    public ObjectNode handle(String body, Sender sender) {
        String tooLong = io.muster.options.Limits.requestTooLong(body);
        if (tooLong != null) {
            return Answers.error(ErrorCode.BAD_REQUEST, tooLong);
        }
        JsonNode request;
        try {
            request = body == null ? null : Submissions.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Answers.error(ErrorCode.BAD_REQUEST, "the request is not JSON: " + Submissions.notJson(e));
        }
        if (request == null || !request.isObject()) {
            return Answers.error(ErrorCode.BAD_REQUEST, "the request must be a JSON object with an 'action'");
        }
        JsonNode actionField = request.get("action");
        if (actionField == null || actionField.isNull()) {
            return Answers.error(ErrorCode.BAD_REQUEST, "action is required: use one of " + String.join(", ", ACTIONS));
        }
        if (!actionField.isTextual()) {
            return Answers.error(ErrorCode.BAD_REQUEST, "action must be a string, was " + ControlJson.shown(actionField)
                    + ": use one of " + String.join(", ", ACTIONS));
        }
        String name = actionField.asText();
        ControlAction action = actions.get(name);
        if (action == null) {
            return Answers.error(ErrorCode.BAD_REQUEST, "unknown action '" + io.muster.api.Violation.escape(name)
                    + "': use one of " + String.join(", ", ACTIONS));
        }
        try {
            ControlJson.checkShape(request);
            return action.answer(request, sender);
        } catch (IllegalArgumentException e) {
            return Answers.error(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    /** The answer to a request the server failed on. */
    public static ObjectNode failed(Exception e) {
        return Answers.error(ErrorCode.SERVER_ERROR, "the server failed on this request: " + e);
    }
}
