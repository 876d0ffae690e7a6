package io.muster.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.api.Violation;
import io.muster.config.UserRole;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.options.JobOptions;
import io.muster.queue.CancelOutcome;
import io.muster.queue.CleanOutcome;
import io.muster.queue.JobControl;
import io.muster.queue.JobDetail;
import io.muster.queue.QueueView;
import io.muster.queue.StateFilter;
import io.muster.scheduler.JobScript;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.Schedulers;
import io.muster.store.JobFilter;
import io.muster.store.StateChange;
import io.muster.tracking.JobLifecycle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The control protocol of {@code muster.control}: a JSON request in, a JSON answer out. No JMS
 * here, so every action can be tested without a broker; {@link ControlListener} moves the text.
 *
 * <p>A request is an object with {@code action}; the answer has {@code status} {@code OK} (or, for
 * {@code resubmit} and {@code render}, {@code ACCEPTED}/{@code REJECTED} as a submission's reply) or
 * {@code ERROR} with a {@code message}. Actions: {@code ping}, {@code queue}, {@code count},
 * {@code job}, {@code output}, {@code cancel}, {@code resubmit}, {@code clean}, {@code render}.
 * The README's "Queue and control messages" section documents each one.
 *
 * <p>Who may do what ({@link Rights}): the views ({@code ping}, {@code queue}, {@code count},
 * {@code job}, {@code output}) are open to every sender; {@code render} needs {@code submit};
 * {@code cancel}, {@code resubmit} and {@code clean} need {@code submit} and the job's
 * {@code user} to be the sender's login, or {@code admin}. A refusal answers as other failures
 * do: an {@code ERROR} for the one job of {@code resubmit}, a {@code FAILED} result (cancel) or a
 * {@code skipped} reason (clean) for that job of a batch, whose other jobs are still done.
 */
public final class ControlRequests {

    public static final List<String> ACTIONS = List.of("ping", "queue", "count", "job", "output", "collected",
            "cancel", "resubmit", "clean", "render", "profiles");
    static final long DEFAULT_OUTPUT_LIMIT = 8L << 20;

    private final JobLifecycle lifecycle;
    private final Schedulers schedulers;
    private final Submissions submissions;
    private final QueueView view;
    private final JobControl control;
    private final Consumer<JobRecord> starter;

    /** @param starter dispatches a job accepted here (a resubmission) */
    public ControlRequests(JobLifecycle lifecycle, Schedulers schedulers, Submissions submissions, Path workRoot,
                           Consumer<JobRecord> starter) {
        this.lifecycle = lifecycle;
        this.schedulers = schedulers;
        this.submissions = submissions;
        this.view = new QueueView(lifecycle.store());
        this.control = new JobControl(lifecycle, schedulers, workRoot);
        this.starter = starter;
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
        JsonNode request;
        try {
            request = body == null ? null : Submissions.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return error("the request is not JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            return error("the request must be a JSON object with an 'action'");
        }
        String action = request.path("action").asText("");
        try {
            return switch (action) {
                case "ping" -> ok().put("server", "muster").set("backends", strings(schedulers.names()));
                case "queue" -> queue(request);
                case "count" -> count(request);
                case "job" -> job(request);
                case "output" -> output(request);
                case "collected" -> collected(request);
                case "cancel" -> cancel(request, sender);
                case "resubmit" -> resubmit(request, sender);
                case "clean" -> clean(request, sender);
                case "render" -> render(request, sender);
                case "profiles" -> profiles(request, sender);
                default -> error("unknown action '" + action + "': use one of " + String.join(", ", ACTIONS));
            };
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    private ObjectNode queue(JsonNode request) {
        if (request.hasNonNull("scheduler")) {
            return schedulerQueue(request.path("scheduler").asText());
        }
        JsonNode f = request.path("filter");
        ArrayNode jobs = Submissions.JSON.createArrayNode();
        view.list(view(f), filter(f)).forEach(job -> jobs.add(summary(job)));
        ObjectNode answer = ok();
        answer.set("jobs", jobs);
        return answer;
    }

    /**
     * The user's whole queue on a cluster scheduler, jobs not from Muster included, from ONE
     * status call (squeue, qstat): {@code jobs} with {@code schedulerId, jobId} (Muster's, when the
     * scheduler shows its tag), {@code name, user, partition, state, nodes, nodeCount, cpus, reason,
     * started}.
     */
    private ObjectNode schedulerQueue(String backend) {
        Scheduler scheduler = schedulers.find(backend).orElse(null);
        if (scheduler == null) {
            return error("backend '" + backend + "' is not running on this server (running: "
                    + String.join(", ", schedulers.names()) + ")");
        }
        Optional<List<io.muster.scheduler.SchedulerJob>> jobs;
        try {
            jobs = scheduler.queue();
        } catch (io.muster.scheduler.SchedulerException e) {
            return error(backend + " did not answer: " + e.getMessage());
        }
        if (jobs.isEmpty()) {
            return error("backend '" + backend + "' has no queue of its own: its jobs are Muster's (muster queue -b "
                    + backend + ")");
        }
        ObjectNode answer = ok().put("backend", backend);
        ArrayNode rows = answer.putArray("jobs");
        for (io.muster.scheduler.SchedulerJob j : jobs.get()) {
            io.muster.job.Placement where = j.status().placement();
            ObjectNode row = rows.addObject().put("schedulerId", j.schedulerId()).put("jobId", j.musterId())
                    .put("name", j.name()).put("user", j.user())
                    .put("partition", where == null ? null : where.partition())
                    .put("state", j.status().state().name())
                    .put("nodes", where == null ? null : where.nodes());
            if (where == null || where.nodeCount() == null) {
                row.putNull("nodeCount");
            } else {
                row.put("nodeCount", where.nodeCount());
            }
            if (where == null || where.cpus() == null) {
                row.putNull("cpus");
            } else {
                row.put("cpus", where.cpus());
            }
            row.put("reason", j.status().reason()).put("started", time(j.status().started()));
        }
        return answer;
    }

    private ObjectNode count(JsonNode request) {
        JsonNode f = request.path("filter");
        Map<JobState, Integer> counts = view.counts(view(f), filter(f));
        ObjectNode byState = Submissions.JSON.createObjectNode();
        counts.forEach((state, n) -> byState.put(state.name(), n));
        ObjectNode answer = ok().put("total", counts.values().stream().mapToInt(Integer::intValue).sum());
        answer.set("byState", byState);
        return answer;
    }

    private static StateFilter view(JsonNode filter) {
        String state = filter.path("state").asText("all");
        return StateFilter.parse(state.isBlank() ? "all" : state);
    }

    /** The filter fields of a queue or count request; unknown fields are refused so typos do not widen a view. */
    static JobFilter filter(JsonNode f) {
        Set<String> known = Set.of("state", "states", "user", "backend", "partition", "name", "limit");
        for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new IllegalArgumentException("unknown filter field '" + field + "': use "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        Set<JobState> states = null;
        if (f.has("states")) {
            states = java.util.EnumSet.noneOf(JobState.class);
            for (JsonNode s : f.get("states")) {
                try {
                    states.add(JobState.valueOf(s.asText()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown state '" + s.asText() + "'");
                }
            }
        }
        Integer limit = f.hasNonNull("limit") ? f.get("limit").asInt() : null;
        return new JobFilter(states, text(f, "user"), text(f, "backend"), text(f, "partition"), text(f, "name"), limit);
    }

    private ObjectNode job(JsonNode request) {
        String id = requiredId(request);
        JobDetail detail = JobId.looksLikeJobId(id) ? view.job(JobId.of(id)).orElse(null) : null;
        if (detail == null) {
            return error("no job " + id);
        }
        ObjectNode job = summary(detail.job());
        ArrayNode history = job.putArray("history");
        for (StateChange change : detail.history()) {
            history.addObject().put("state", change.state().name()).put("at", time(change.at()))
                    .put("reason", change.reason());
        }
        job.put("resubmittedFrom", detail.resubmittedFrom() == null ? null : detail.resubmittedFrom().value());
        job.set("resubmissions", strings(detail.resubmissions().stream().map(JobId::value).toList()));
        JobFiles files = detail.files();
        job.put("script", files.script().toString());
        job.put("wrapper", files.wrapper().toString());
        job.put("exitCodeFile", files.exitCode().toString());
        putTasks(job, detail.job(), files);
        ObjectNode answer = ok();
        answer.set("job", job);
        return answer;
    }

    private ObjectNode output(JsonNode request) {
        String id = requiredId(request);
        String stream = request.path("stream").asText("stdout");
        JobRecord job = lookup(id);
        if (job == null) {
            return error("no job " + id);
        }
        Path file = switch (stream) {
            case "stdout" -> job.stdoutPath();
            case "stderr" -> job.stderrPath();
            default -> throw new IllegalArgumentException("stream must be stdout or stderr, was '" + stream + "'");
        };
        long limit = request.path("maxBytes").asLong(DEFAULT_OUTPUT_LIMIT);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
            boolean truncated = in.read() != -1;
            return ok().put("jobId", id).put("stream", stream).put("state", job.state().name())
                    .put("text", new String(data, StandardCharsets.UTF_8)).put("truncated", truncated);
        } catch (NoSuchFileException e) {
            return ok().put("jobId", id).put("stream", stream).put("state", job.state().name()).put("text", "")
                    .put("truncated", false);
        } catch (IOException e) {
            return error("cannot read the " + stream + " of job " + id + ": " + e);
        }
    }

    /**
     * A client has read a finished job's stdout and stderr ({@code muster get}, the Java client's
     * {@code stdout()}): a job submitted with {@code clean_outputs} has both files deleted now, as
     * fyrd deleted its outputs once {@code get} had them. Any reader counts: the job's owner
     * asked for it. Answers the files deleted.
     */
    private ObjectNode collected(JsonNode request) {
        String id = requiredId(request);
        JobRecord job = lookup(id);
        if (job == null) {
            return error("no job " + id);
        }
        ArrayNode deleted = Submissions.JSON.createArrayNode();
        if (job.state().isFinal() && JobOptions.fromNormalised(job.options()).cleanOutputs()) {
            CleanOutcome outcome = control.cleanOutputs(id);
            if (outcome.skipped() != null) {
                return error(outcome.skipped());
            }
            outcome.deleted().forEach(p -> deleted.add(p.toString()));
        }
        ObjectNode answer = ok().put("jobId", id);
        answer.set("deleted", deleted);
        return answer;
    }

    /** Cancels the jobs the sender may cancel; the others get a FAILED result saying why. */
    private ObjectNode cancel(JsonNode request, Sender sender) {
        List<String> ids = requiredIds(request);
        Map<String, CancelOutcome> refused = new HashMap<>();
        List<String> allowed = new ArrayList<>();
        for (String id : ids) {
            JobRecord job = lookup(id);
            // an unknown id goes on to JobControl, which answers NOT_FOUND as before
            Optional<String> refusal = job == null ? Optional.empty()
                    : Rights.refusalOnJob(sender, "cancel", id, job.user());
            if (refusal.isPresent()) {
                refused.put(id, new CancelOutcome(id, CancelOutcome.Result.FAILED, job.state(), refusal.get()));
            } else {
                allowed.add(id);
            }
        }
        Map<String, CancelOutcome> outcomes = new LinkedHashMap<>();
        ids.forEach(id -> outcomes.put(id, refused.get(id)));
        if (!allowed.isEmpty()) {
            control.cancel(allowed).forEach(o -> outcomes.put(o.jobId(), o));
        }
        ArrayNode results = Submissions.JSON.createArrayNode();
        for (CancelOutcome o : outcomes.values()) {
            results.addObject().put("jobId", o.jobId()).put("result", o.result().name())
                    .put("state", o.state() == null ? null : o.state().name()).put("message", o.message());
        }
        ObjectNode answer = ok();
        answer.set("results", results);
        return answer;
    }

    /**
     * Cleans the jobs named, or the finished jobs a filter matches. A sender who is no admin
     * cleans by filter only her own jobs: a filter without {@code user} is narrowed to her login
     * (her "every finished job"), one naming somebody else is refused.
     */
    private ObjectNode clean(JsonNode request, Sender sender) {
        boolean outputs = request.path("outputs").asBoolean(false);
        List<String> ids;
        if (request.has("jobIds")) {
            ids = requiredIds(request);
        } else if (request.has("filter")) {
            JobFilter which = filter(request.get("filter"));
            if (!sender.has(UserRole.ADMIN)) {
                Optional<String> refusal = Rights.refusal(sender, "clean jobs", UserRole.SUBMIT);
                if (refusal.isPresent()) {
                    return error(refusal.get());
                }
                if (which.user() != null && !which.user().equals(sender.login())) {
                    return error(sender.who() + " may not clean the jobs of " + which.user() + " (needs admin)");
                }
                which = which.withUser(sender.login());
            }
            ids = view.list(StateFilter.DONE, which).stream().map(j -> j.id().value()).toList();
        } else {
            throw new IllegalArgumentException("clean needs 'jobIds' or a 'filter' (finished jobs only)");
        }
        ArrayNode results = Submissions.JSON.createArrayNode();
        for (String id : ids) {
            JobRecord job = lookup(id);
            Optional<String> refusal = job == null ? Optional.empty()
                    : Rights.refusalOnJob(sender, "clean", id, job.user());
            CleanOutcome o = refusal.isPresent() ? new CleanOutcome(id, List.of(), refusal.get())
                    : control.clean(id, outputs);
            ObjectNode r = results.addObject().put("jobId", o.jobId()).put("skipped", o.skipped());
            r.set("deleted", strings(o.deleted().stream().map(Path::toString).toList()));
        }
        ObjectNode answer = ok();
        answer.set("results", results);
        return answer;
    }

    /** A new job with the same command and options, linked to the old one. */
    private ObjectNode resubmit(JsonNode request, Sender sender) {
        String id = requiredId(request);
        JobRecord old = lookup(id);
        if (old == null) {
            return error("no job " + id);
        }
        Optional<String> refusal = Rights.refusalOnJob(sender, "resubmit", id, old.user());
        if (refusal.isPresent()) {
            return error(refusal.get());
        }
        ObjectNode submission = Submissions.JSON.createObjectNode();
        if (request.hasNonNull("requestId")) {
            submission.put("requestId", request.get("requestId").asText());
        }
        submission.put("name", old.name());
        submission.put("command", old.command());
        submission.put("backend", old.backend());
        if (old.profile() != null) {
            submission.put("profile", old.profile());
        }
        if (old.user() != null) {
            submission.put("user", old.user());
        }
        ObjectNode options = Submissions.JSON.valueToTree(old.options());
        options.remove("name");
        submission.set("options", options);
        Submissions.Outcome outcome = submissions.read(submission.toString());
        if (!outcome.accepted()) {
            return rejected(outcome.violations());
        }
        JobRecord stored = lifecycle.accept(outcome.job());
        boolean isNew = stored.id().equals(outcome.job().id());
        if (isNew) {
            lifecycle.store().linkResubmission(stored.id(), old.id());
            starter.accept(stored);
        }
        return Submissions.JSON.createObjectNode().put("status", JobState.ACCEPTED.name())
                .put("jobId", stored.id().value()).put("requestId", stored.requestId())
                .put("resubmittedFrom", old.id().value()).put("state", stored.state().name());
    }

    /**
     * A dry run: the submission is read and checked as if sent to {@code muster.submit}, its job
     * script and its backend's wrapper are written to the job directory it would have, and both
     * are answered; nothing is stored, submitted or published. It writes files, so it needs
     * {@code submit}, and the job's user is the sender's login as on {@code muster.submit}.
     */
    private ObjectNode render(JsonNode request, Sender sender) {
        Optional<String> refusal = Rights.refusal(sender, "render a dry run", UserRole.SUBMIT);
        if (refusal.isPresent()) {
            return error(refusal.get());
        }
        JsonNode body = request.get("submission");
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("render needs a 'submission' object, as sent to muster.submit");
        }
        Submissions.Outcome outcome = submissions.read(body.toString(), sender.login());
        if (!outcome.accepted()) {
            return rejected(outcome.violations());
        }
        JobRecord job = outcome.job();
        String backend = schedulers.resolve(job.backend());
        Scheduler scheduler = schedulers.find(backend).orElse(null);
        if (scheduler == null) {
            return error("backend '" + backend + "' is not running on this server (running: "
                    + String.join(", ", schedulers.names()) + ")");
        }
        JobFiles files = JobFiles.of(job);
        JobOptions options = JobOptions.fromNormalised(job.options());
        // as the submit step will: afterany: entries wait for any ending, the others for success
        boolean afterAny = !options.depends().isEmpty()
                && options.depends().stream().allMatch(d -> d.toLowerCase(java.util.Locale.ROOT).startsWith("afterany:"));
        List<String> dependencies = options.depends().stream().map(d -> d.replaceFirst("(?i)^after(ok|any):", "")).toList();
        JobSubmission submission = new JobSubmission(job.id(), job.name(), options, files, dependencies, afterAny);
        String script = JobScript.render(job.command(), job.options());
        String wrapper = scheduler.renderWrapper(submission);
        try {
            Files.createDirectories(files.dir());
            Files.writeString(files.script(), script);
            Files.writeString(files.wrapper(), wrapper);
        } catch (IOException e) {
            return error("cannot write the scripts of the dry run to " + files.dir() + ": " + e);
        }
        ObjectNode answer = ok().put("jobId", job.id().value()).put("backend", backend).put("dir", files.dir().toString());
        answer.putObject("script").put("path", files.script().toString()).put("text", script);
        answer.putObject("wrapper").put("path", files.wrapper().toString()).put("text", wrapper);
        ArrayNode submit = answer.putArray("submitCommand");
        scheduler.submitCommand(submission).forEach(submit::add);
        return answer;
    }

    /**
     * New profiles for this running server, without a restart: {@code profiles} holds every
     * {@code [profiles.NAME]} table (as {@code muster profile add/update/remove-option/delete}
     * wrote them to a muster.toml), checked as the server checks its file at start; submissions
     * from now on resolve over them. They change every user's defaults, so it needs {@code admin}.
     */
    private ObjectNode profiles(JsonNode request, Sender sender) {
        Optional<String> refusal = Rights.refusal(sender, "change the server's profiles", UserRole.ADMIN);
        if (refusal.isPresent()) {
            return error(refusal.get());
        }
        JsonNode tables = request.get("profiles");
        if (tables == null || !tables.isObject()) {
            throw new IllegalArgumentException("profiles needs 'profiles', an object of NAME: {OPTION: VALUE}");
        }
        Map<String, Map<String, Object>> given = Submissions.JSON.convertValue(tables,
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Map<String, Object>>>() { });
        io.muster.options.Profiles changed = io.muster.options.Profiles.of(given);
        submissions.useProfiles(changed);
        ObjectNode answer = ok();
        ArrayNode names = answer.putArray("profiles");
        changed.all().forEach(p -> names.add(p.name()));
        return answer;
    }

    /**
     * An array job's tasks, from the files each task's wrapper writes (the same on every backend):
     * {@code index, state, exitCode, stdout}. A task with an exit code COMPLETED or FAILED; one
     * started and not ended RUNNING; one not started QUEUED; a task that had not ended when the
     * job did ends as the job (CANCELLED, TIMEOUT, ...), without an exit code.
     */
    private static void putTasks(ObjectNode target, JobRecord job, JobFiles files) {
        java.util.List<Integer> indices = files.taskIndices()
                .or(() -> io.muster.job.ArrayIndices.of(job.options()).map(io.muster.job.ArrayIndices::indices))
                .orElse(null);
        if (indices == null) {
            return;
        }
        Map<Integer, Integer> codes = io.muster.scheduler.ExitCodes.taskExitCodes(files);
        ArrayNode tasks = target.putArray("tasks");
        for (int index : indices) {
            Integer code = codes.get(index);
            JobState state = code != null ? (code == 0 ? JobState.COMPLETED : JobState.FAILED)
                    : job.state().isFinal() ? job.state()
                    : Files.exists(JobFiles.task(files.started(), index)) ? JobState.RUNNING : JobState.QUEUED;
            ObjectNode task = tasks.addObject().put("index", index).put("state", state.name());
            if (code == null) {
                task.putNull("exitCode");
            } else {
                task.put("exitCode", code);
            }
            task.put("stdout", JobFiles.task(files.stdout(), index).toString());
        }
    }

    /** A job as the queue shows it: everything in its record, options included. */
    static ObjectNode summary(JobRecord job) {
        ObjectNode node = Submissions.JSON.createObjectNode();
        node.put("jobId", job.id().value());
        node.put("requestId", job.requestId());
        node.put("name", job.name());
        node.put("user", job.user());
        node.put("command", job.command());
        node.put("backend", job.backend());
        JobEvents.putPlacement(node, job);
        node.put("profile", job.profile());
        node.put("state", job.state().name());
        node.put("group", job.state().group().name());
        node.put("schedulerId", job.schedulerId());
        if (job.exitCode() == null) {
            node.putNull("exitCode");
        } else {
            node.put("exitCode", job.exitCode());
        }
        node.put("reason", job.reason());
        node.put("submitted", time(job.submitted()));
        node.put("started", time(job.started()));
        node.put("ended", time(job.ended()));
        node.put("workDir", job.workDir().toString());
        node.put("stdout", job.stdoutPath().toString());
        node.put("stderr", job.stderrPath().toString());
        node.set("options", Submissions.JSON.valueToTree(job.options()));
        return node;
    }

    private JobRecord lookup(String id) {
        if (!JobId.looksLikeJobId(id)) {
            return null;
        }
        try {
            return lifecycle.get(JobId.of(id));
        } catch (java.util.NoSuchElementException e) {
            return null;
        }
    }

    private static String requiredId(JsonNode request) {
        String id = request.path("jobId").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("action '" + request.path("action").asText() + "' needs a 'jobId'");
        }
        return id;
    }

    private static List<String> requiredIds(JsonNode request) {
        JsonNode ids = request.path("jobIds");
        if (!ids.isArray() || ids.isEmpty()) {
            throw new IllegalArgumentException("action '" + request.path("action").asText()
                    + "' needs 'jobIds', a non-empty array of job ids");
        }
        List<String> out = new ArrayList<>();
        ids.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static ArrayNode strings(java.util.Collection<String> values) {
        ArrayNode array = Submissions.JSON.createArrayNode();
        values.stream().sorted().forEach(array::add);
        return array;
    }

    private static ObjectNode ok() {
        return Submissions.JSON.createObjectNode().put("status", "OK");
    }

    static ObjectNode error(String message) {
        return Submissions.JSON.createObjectNode().put("status", "ERROR").put("message", message);
    }

    private static ObjectNode rejected(List<Violation> violations) {
        ObjectNode answer = Submissions.JSON.createObjectNode().put("status", JobState.REJECTED.name());
        JobEvents.putViolations(answer, violations);
        return answer;
    }
}
