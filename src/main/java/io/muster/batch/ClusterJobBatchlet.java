package io.muster.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.api.ShellWords;
import io.muster.job.JobRecord;
import io.muster.options.Keywords;
import jakarta.annotation.PostConstruct;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * {@code <batchlet ref="clusterJob">}: the step is one Muster job. Batch properties: {@code command}
 * (required), {@code backend} (default auto), {@code profile}, and any catalogue option under its
 * name or a synonym ({@code cores}, {@code mem}, {@code time}, {@code partition}, …). Values may be
 * JSL expressions; one that resolves to nothing leaves the option unset.
 *
 * <p>The job is checked by the same rules as a message on {@code muster.submit} and runs through
 * {@code muster-job} like any other. The step waits on a future completed by the job's final
 * state change (no polling). Its exit status is the job's final state (COMPLETED, FAILED,
 * TIMEOUT, …); any state but COMPLETED also fails the step, so {@code <next on="TIMEOUT">},
 * {@code <fail on="FAILED">} and {@code <end on="*">} work as usual. Stopping the flow cancels
 * the job.
 *
 * <p>Inside a partitioned step, {@code {file}}, {@code {outfile}}, {@code {item}} and
 * {@code {index}} in {@code command} are replaced (shell-quoted) by the partition's values from
 * the {@code splitMapper}.
 */
@Named(ClusterJobBatchlet.NAME)
@Dependent
public class ClusterJobBatchlet extends AbstractBatchlet {

    public static final String NAME = "clusterJob";
    /** Properties of the batchlet itself; every other property must be a catalogue option. */
    public static final List<String> OWN = List.of("command", "backend", "profile");
    /** Set by {@link Flows} from the partition plan; not written by users. */
    static final String PARTITION_PREFIX = "muster.partition.";
    static final List<String> PLACEHOLDERS = List.of("file", "outfile", "item", "index");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a clusterJob step keeps as persistent user data: the job it ran and how that ended, or
     * for a job refused before it had an id, REJECTED and why ({@code reason}, null otherwise;
     * data stored before it existed reads as null).
     */
    public record Ran(String jobId, String state, String reason) implements Serializable {
        Ran(String jobId, String state) {
            this(jobId, state, null);
        }
    }

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Inject
    JobLauncher launcher;

    @Inject
    Flows flows;

    private Map<String, String> properties;
    private volatile JobId running;
    private volatile boolean stopping;

    /** True for a property name this batchlet accepts (its own, or a catalogue option or synonym). */
    public static boolean accepts(String property) {
        return OWN.contains(property) || property.startsWith(PARTITION_PREFIX) || Keywords.find(property).isPresent();
    }

    /** Every name a user may write, for messages. */
    public static List<String> knownProperties() {
        return Stream.concat(OWN.stream(), Keywords.names().stream()).toList();
    }

    @PostConstruct
    void readProperties() {
        properties = ArtifactProperties.current();
    }

    @Override
    public String process() throws InterruptedException, ExecutionException {
        String step = stepContext.getStepName();
        JobRecord survivor = survivingJob(step);
        JobRecord job;
        if (survivor != null) {
            job = survivor;
        } else {
            JobLauncher.Checked checked = launcher.check(submission(step));
            if (!checked.accepted()) {
                String why = String.join("; ", checked.violations().stream().map(Object::toString).toList());
                stepContext.setExitStatus(JobState.REJECTED.name());
                // kept with the step, so that flow status says why, not only the server's log
                stepContext.setPersistentUserData(new Ran(null, JobState.REJECTED.name(), why));
                throw new ClusterJobException("step '" + step + "': its job was rejected: " + why);
            }
            job = launcher.accept(checked.job());
        }
        running = job.id();
        stepContext.setPersistentUserData(new Ran(job.id().value(), job.state().name()));
        CompletableFuture<JobRecord> end = launcher.whenEnded(job.id());
        if (survivor == null) {
            // a survivor's batch run was started again by the job recovery
            launcher.start(job);
        }
        if (stopping) {
            stop();
        }
        JobRecord last = end.get();
        stepContext.setPersistentUserData(new Ran(last.id().value(), last.state().name()));
        stepContext.setExitStatus(last.state().name());
        if (last.state() == JobState.COMPLETED || stopping) {
            return last.state().name();
        }
        throw ClusterJobException.ended(step, last);
    }

    /**
     * In a restarted flow run, the job an earlier execution of this step submitted that outlived
     * it: one still running (the server stopped while it ran, and it went on or was taken up
     * again), or one that completed while the step could not record it. The step adopts it rather
     * than running the command twice. A job that ended otherwise, or whose step completed (a
     * rerun asked for by {@code allow-start-if-complete}), runs again. Null when there is none.
     */
    private JobRecord survivingJob(String step) {
        String suffix = partitionSuffix(properties.get(PARTITION_PREFIX + "index"));
        for (Flows.EarlierRun run : flows.earlierStepRuns(jobContext.getInstanceId(), jobContext.getExecutionId(), step)) {
            var found = launcher.find(run.requestStem() + suffix);
            if (found.isEmpty()) {
                continue;
            }
            JobState state = found.get().state();
            boolean stepUnrecorded = run.stepStatus() != BatchStatus.COMPLETED;
            if (!state.isFinal() || state == JobState.COMPLETED && stepUnrecorded) {
                return found.get();
            }
            return null;
        }
        return null;
    }

    /** The request id of a step's job, before any partition suffix. */
    static String requestStem(long executionId, long stepExecutionId) {
        return "flow-" + executionId + "-" + stepExecutionId;
    }

    private static String partitionSuffix(String index) {
        return index == null ? "" : "-p" + index;
    }

    /** The job as a submission body, exactly as a client would send it on {@code muster.submit}. */
    String submission(String step) {
        Map<String, String> props = new LinkedHashMap<>(properties);
        String command = props.remove("command");
        if (command == null) {
            throw new ClusterJobException("step '" + step + "': the clusterJob batchlet needs a 'command' property");
        }
        Map<String, String> partition = new LinkedHashMap<>();
        for (String p : PLACEHOLDERS) {
            String value = props.remove(PARTITION_PREFIX + p);
            if (value != null) {
                partition.put(p, value);
            }
        }
        props.keySet().removeIf(k -> k.startsWith(PARTITION_PREFIX));
        for (Map.Entry<String, String> p : partition.entrySet()) {
            command = command.replace("{" + p.getKey() + "}", ShellWords.quote(p.getValue()));
        }
        ObjectNode body = JSON.createObjectNode();
        String index = partition.get("index");
        body.put("requestId", requestStem(jobContext.getExecutionId(), stepContext.getStepExecutionId())
                + partitionSuffix(index));
        body.put("command", command);
        putIf(body, "backend", props.remove("backend"));
        putIf(body, "profile", props.remove("profile"));
        String name = props.remove("name");
        body.put("name", name != null ? name : jobName(step, index));
        flows.owner(jobContext.getExecutionId()).ifPresent(owner -> body.put("user", owner));
        ObjectNode options = body.putObject("options");
        props.forEach(options::put);
        return body.toString();
    }

    /** The step's id, cut to the characters every scheduler takes in a job name. */
    static String jobName(String step, String index) {
        String base = step.replaceAll("[^A-Za-z0-9._-]", "_");
        String name = index == null ? base : base + "-" + index;
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    private static void putIf(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    /** Called by JBeret when the flow is stopped: cancels the job, whose end then ends the step. */
    @Override
    public void stop() {
        stopping = true;
        JobId id = running;
        if (id != null) {
            try {
                launcher.cancel(id, "its flow was stopped");
            } catch (Exception e) {
                throw new ClusterJobException("cannot cancel job " + id + ": " + e.getMessage());
            }
        }
    }
}
