package io.muster.batch;

import io.muster.api.FlowProblem;
import io.muster.config.MusterConfig;
import io.muster.store.ServerLeases;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jberet.creation.ArchiveXmlLoader;
import org.jberet.job.model.Flow;
import org.jberet.job.model.Job;
import org.jberet.job.model.JobElement;
import org.jberet.job.model.Listeners;
import org.jberet.job.model.RefArtifact;
import org.jberet.job.model.Split;
import org.jberet.job.model.Step;
import org.jberet.operations.JobOperatorImpl;
import org.jberet.repository.ApplicationAndJobName;
import org.jberet.repository.JobRepository;
import org.jberet.runtime.JobExecutionImpl;
import org.jberet.runtime.JobInstanceImpl;
import org.jberet.tools.AbstractJobXmlResolver;

/**
 * Users' flows: Jakarta Batch job XML whose steps are cluster jobs. Finds a flow by name or file
 * ({@link FlowLibrary}), checks it ({@link FlowValidator}), and runs it on the flow pool of the
 * {@link BatchEngine}; restart, stop and status are JBeret's own, over the shared repository.
 *
 * <p>Before a flow runs, Muster adds to it what users should not have to write: the listeners
 * that publish flow and step events, the flow's work directory as the default {@code runpath}
 * of every clusterJob, and, inside partitioned steps, the partition's values for the
 * {@code {file}}/{@code {outfile}}/{@code {item}}/{@code {index}} placeholders.
 *
 * <p>Job parameter {@code workDir}: the directory the flow's jobs run in (default
 * {@code WORK/flows/NAME-TIME-RANDOM}), kept across restarts.
 */
@ApplicationScoped
public class Flows {

    private static final Logger LOG = Logger.getLogger(Flows.class.getName());

    public static final String WORK_DIR = "workDir";
    /** Job parameter: where the flow came from, so a restart in another process finds it again. */
    static final String SOURCE = "muster.flow";
    /** Job parameter: the request that started the flow, so a redelivered request starts it only once. */
    static final String REQUEST = "muster.request";
    /**
     * Job parameter: the broker login that started the flow, on a server with users. Its jobs run
     * as that user, and only she (or an admin) may stop or restart it.
     */
    static final String OWNER = "muster.owner";
    /**
     * Job parameter: the server that runs the execution ({@code HOST/PID/RANDOM}). On a database
     * servers share, an interrupted execution is resumed only once its server holds no lease.
     */
    static final String SERVER = "muster.server";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Inject
    BatchEngine batch;

    @Inject
    BeanManager beans;

    /** The running server's settings: flows' work directories go below its work root, flows are found in its flows directory. */
    @Inject
    Provider<MusterConfig> config;
    @Inject
    Provider<ServerLeases> leases;

    private final Map<Long, CompletableFuture<FlowEvent>> waiting = new ConcurrentHashMap<>();
    /**
     * Flow runs (job instances) restarted by {@link #restart} whose execution has not ended: the
     * only ones whose steps have earlier runs to look at.
     */
    private final Set<Long> restarted = ConcurrentHashMap.newKeySet();
    /** Ends seen lately: JBeret fires the end before it stores the final status. */
    private final Map<Long, FlowEvent> recentEnds = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, FlowEvent> eldest) {
                    return size() > 1000;
                }
            });

    private FlowLibrary library() {
        return new FlowLibrary(config.get().flowsDir());
    }

    /** Starts a flow, without a request key or an owner; returns its execution id. */
    public long start(String nameOrPath, Map<String, String> parameters) throws IOException {
        return start(nameOrPath, parameters, null, null).executionId();
    }

    /** A started flow; {@code earlier} when the request had started it before (a redelivery). */
    public record Started(long executionId, boolean earlier) {
    }

    /** How many of a flow's latest runs are searched for an earlier start of the same request. */
    static final int REQUEST_LOOKBACK = 100;

    /**
     * Starts a flow once per {@code requestKey}: the key is kept as a job parameter, and a request
     * whose key one of the flow's latest runs carries gets that run instead of a second one (a
     * message redelivered after a crash between the start and its commit).
     *
     * @param requestKey the request's id (its requestId, else the message's id); null: always start
     * @param owner      the broker login that starts it, null for none: its jobs run as that user
     */
    public Started start(String nameOrPath, Map<String, String> parameters, String requestKey, String owner)
            throws IOException {
        FlowSource source = library().find(nameOrPath);
        Job job = load(source);
        if (requestKey != null) {
            Long earlier = startedFor(job.getId(), requestKey);
            if (earlier != null) {
                return new Started(earlier, true);
            }
        }
        Properties p = parameters(parameters);
        if (requestKey != null) {
            p.setProperty(REQUEST, requestKey);
        }
        if (owner != null) {
            p.setProperty(OWNER, owner);
        }
        p.setProperty(SOURCE, source.reference());
        p.setProperty(SERVER, leases.get().id());
        Path workDir = p.getProperty(WORK_DIR) != null ? Path.of(p.getProperty(WORK_DIR)).toAbsolutePath()
                : config.get().workRoot().resolve("flow-runs").resolve(job.getId() + "-" + LocalDateTime.now().format(STAMP) + "-"
                        + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36));
        Files.createDirectories(workDir);
        p.setProperty(WORK_DIR, workDir.toString());
        return new Started(batch.flowOperator().start(job, p), false);
    }

    /** The first execution of one of the flow's latest instances started for {@code requestKey}. */
    private Long startedFor(String flowId, String requestKey) {
        JobOperatorImpl operator = batch.flowOperator();
        List<JobInstance> latest;
        try {
            // not getJobNames(): it knows only the jobs this process has loaded, not a redelivery's
            latest = operator.getJobInstances(flowId, 0, REQUEST_LOOKBACK);
        } catch (NoSuchJobException e) {
            return null;
        }
        for (var instance : latest) {
            List<JobExecution> executions = operator.getJobExecutions(instance);
            if (executions.isEmpty()) {
                continue;
            }
            JobExecution first = executions.stream().min(Comparator.comparingLong(JobExecution::getExecutionId))
                    .orElseThrow();
            Properties p = first.getJobParameters();
            if (p != null && requestKey.equals(p.getProperty(REQUEST))) {
                return first.getExecutionId();
            }
        }
        return null;
    }

    /**
     * Restarts a failed or stopped execution (JBeret's restart: steps that completed are not run
     * again). The flow is read again, so a fix in its XML counts; its id must not have changed.
     */
    public long restart(long executionId, Map<String, String> parameters) {
        JobOperatorImpl operator = batch.flowOperator();
        JobExecution old = flowExecution(executionId);
        String reference = old.getJobParameters().getProperty(SOURCE);
        FlowSource source = library().find(reference);
        Job job = load(source);
        if (!job.getId().equals(old.getJobName())) {
            throw new FlowRejectedException(new FlowProblem(source.origin(), 0, "the flow's id is now '" + job.getId()
                    + "', was '" + old.getJobName() + "': a restart must run the same flow"));
        }
        JobInstanceImpl instance = (JobInstanceImpl) operator.getJobInstance(executionId);
        batch.repository().addJob(new ApplicationAndJobName(instance.getApplicationName(), old.getJobName()), job);
        if (old.getBatchStatus() == BatchStatus.FAILED || old.getBatchStatus() == BatchStatus.STOPPED) {
            // in this process JBeret would rerun the definition it started with
            instance.setUnsubstitutedJob(job);
        }
        Properties p = parameters(parameters);
        // the rest of the parameters are the earlier execution's (JBeret merges them)
        p.setProperty(SERVER, leases.get().id());
        // marked before the restart: its first step may start before restart() returns
        restarted.add(instance.getInstanceId());
        return operator.restart(executionId, p);
    }

    /** Stops a running execution: JBeret stops its steps, and each clusterJob step cancels its job. */
    public void stop(long executionId) {
        flowExecution(executionId);
        batch.flowOperator().stop(executionId);
    }

    /**
     * The execution of a flow Muster started. Executions of the {@code muster-dispatch} job share
     * the repository and its ids; they are no flow, and nobody may stop or look into them as one.
     *
     * @throws NoSuchJobExecutionException "no flow execution N" for an unknown id and for those
     */
    private JobExecution flowExecution(long executionId) {
        JobExecution e;
        try {
            e = batch.flowOperator().getJobExecution(executionId);
        } catch (NoSuchJobExecutionException unknown) {
            e = null;
        }
        if (e == null || e.getJobParameters() == null || e.getJobParameters().getProperty(SOURCE) == null) {
            throw new NoSuchJobExecutionException("no flow execution " + executionId);
        }
        return e;
    }

    public FlowStatus status(long executionId) {
        JobOperatorImpl operator = batch.flowOperator();
        JobExecution e = flowExecution(executionId);
        List<FlowStatus.Step> steps = new ArrayList<>();
        for (StepExecution s : operator.getStepExecutions(executionId)) {
            ClusterJobBatchlet.Ran ran = s.getPersistentUserData() instanceof ClusterJobBatchlet.Ran r ? r : null;
            steps.add(new FlowStatus.Step(s.getStepName(), s.getStepExecutionId(), s.getBatchStatus().name(),
                    s.getExitStatus(), ran == null ? null : ran.jobId(), ran == null ? null : ran.state(),
                    ran == null ? null : ran.reason(),
                    instant(s.getStartTime()), instant(s.getEndTime())));
        }
        List<Long> executions = new ArrayList<>();
        JobInstanceImpl instance = (JobInstanceImpl) operator.getJobInstance(executionId);
        for (JobExecution x : operator.getJobExecutions(instance)) {
            executions.add(x.getExecutionId());
        }
        executions.sort(Long::compare);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (e.getJobParameters() != null) {
            e.getJobParameters().stringPropertyNames().stream().sorted()
                    .forEach(k -> parameters.put(k, e.getJobParameters().getProperty(k)));
        }
        return new FlowStatus(executionId, instance.getInstanceId(), e.getJobName(), e.getBatchStatus().name(),
                e.getExitStatus(), instant(e.getStartTime()), instant(e.getEndTime()), parameters, steps, executions);
    }

    /** The login that owns the flow run of this execution, if it was started by one. */
    public Optional<String> owner(long executionId) {
        return Optional.ofNullable(flowExecution(executionId).getJobParameters().getProperty(OWNER));
    }

    /** A run of a step in an earlier execution: its jobs' request-id stem and how the step ended. */
    public record EarlierRun(String requestStem, BatchStatus stepStatus) {
    }

    /**
     * The runs of {@code stepName} in the executions of flow run {@code instanceId} before
     * {@code executionId}, newest first: where a restarted step looks for a job that outlived its
     * execution. The stem is {@code flow-EXECUTION-STEPEXECUTION}, without a partition suffix.
     */
    public List<EarlierRun> earlierStepRuns(long instanceId, long executionId, String stepName) {
        if (!restarted.contains(instanceId)) {
            // a first execution has nothing earlier: no repository queries on every step start
            return List.of();
        }
        JobOperatorImpl operator = batch.flowOperator();
        List<JobExecution> earlier = new ArrayList<>(operator.getJobExecutions(operator.getJobInstance(executionId)));
        earlier.removeIf(e -> e.getExecutionId() >= executionId);
        earlier.sort(Comparator.comparingLong(JobExecution::getExecutionId).reversed());
        List<EarlierRun> runs = new ArrayList<>();
        for (JobExecution e : earlier) {
            for (StepExecution s : operator.getStepExecutions(e.getExecutionId())) {
                if (s.getStepName().equals(stepName)) {
                    runs.add(new EarlierRun(ClusterJobBatchlet.requestStem(e.getExecutionId(), s.getStepExecutionId()),
                            s.getBatchStatus()));
                }
            }
        }
        return runs;
    }

    /**
     * Restarts the flow runs a stopped server left running: executions the repository holds as
     * STARTING or STARTED, which nothing in this new process runs. JBeret's restart marks each one
     * FAILED and runs again the steps that had not completed; a step whose job outlived the server
     * (taken up by the job recovery before this) awaits that job instead of submitting it again.
     *
     * @return each interrupted execution id with the id of the execution that continues it
     */
    public Map<Long, Long> resumeInterrupted() {
        return resume(server -> true, false);
    }

    /**
     * On a database servers share: restarts the interrupted executions of servers that hold no
     * lease any more (dead, or stopped), each claimed first in the repository, so of servers
     * doing this at once exactly one restarts it. An execution that names no server (started
     * before servers recorded themselves) is left alone: nothing tells whose it is.
     *
     * @param live the ids of the servers that hold a lease
     */
    public Map<Long, Long> resumeOrphaned(Set<String> live) {
        return resume(server -> server != null && !live.contains(server), true);
    }

    private Map<Long, Long> resume(java.util.function.Predicate<String> whose, boolean claim) {
        JobOperatorImpl operator = batch.flowOperator();
        Map<Long, Long> resumed = new LinkedHashMap<>();
        for (long id : batch.interruptedFlowExecutions()) {
            JobExecution execution = operator.getJobExecution(id);
            Properties p = execution.getJobParameters();
            if (p == null || p.getProperty(SOURCE) == null) {
                continue; // not started by Muster as a flow
            }
            if (!whose.test(p.getProperty(SERVER))) {
                continue;
            }
            if (claim && !batch.claimInterrupted(id, "its server " + p.getProperty(SERVER) + " holds no lease any more;"
                    + " restarted by server " + leases.get().id())) {
                continue; // another server claimed it first
            }
            if (claim && execution instanceof JobExecutionImpl cached) {
                cached.setBatchStatus(BatchStatus.FAILED); // what the claim wrote, in the repository's cache too
            }
            try {
                resumed.put(id, restart(id, Map.of()));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE,
                        "flow " + execution.getJobName() + " execution " + id + " was running when the server stopped"
                                + " and cannot be restarted (it is marked FAILED; fix the cause and use flow restart "
                                + id + "): " + e.getMessage(), e);
                markFailed(id, "the server stopped while it ran; restarting it failed: " + e.getMessage());
            }
        }
        return resumed;
    }

    /**
     * Ends an execution nothing runs any more as FAILED, so that its status tells the truth and
     * a later server start does not try it again (the user may restart it, which JBeret allows for
     * FAILED executions).
     */
    private void markFailed(long executionId, String why) {
        JobRepository repository = batch.repository();
        if (repository.getJobExecution(executionId) instanceof JobExecutionImpl execution) {
            execution.setBatchStatus(BatchStatus.FAILED);
            execution.setExitStatus(why.length() > 500 ? why.substring(0, 500) : why);
            execution.setLastUpdatedTime(System.currentTimeMillis());
            repository.updateJobExecution(execution, false, false);
        }
    }

    /** Completes with the flow's end event (at once if it has ended already). */
    public CompletableFuture<FlowEvent> whenEnded(long executionId) {
        CompletableFuture<FlowEvent> end = waiting.computeIfAbsent(executionId, k -> new CompletableFuture<>());
        FlowEvent seen = recentEnds.get(executionId);
        if (seen == null) {
            JobExecution e = batch.flowOperator().getJobExecution(executionId);
            if (e.getEndTime() != null || e.getBatchStatus() == BatchStatus.ABANDONED) {
                String phase = FlowEventsListener.ending(e.getBatchStatus());
                seen = new FlowEvent(FlowEvent.Kind.FLOW, phase, executionId, 0, e.getJobName(), null, 0,
                        e.getExitStatus(), null, instant(e.getEndTime()));
            }
        }
        if (seen != null) {
            ended(seen);
        }
        return end.copy();
    }

    void onEvent(@Observes FlowEvent event) {
        if (event.kind() == FlowEvent.Kind.FLOW && !event.phase().equals("STARTED")) {
            recentEnds.put(event.executionId(), event);
            restarted.remove(event.instanceId());
            ended(event);
        }
    }

    private void ended(FlowEvent event) {
        CompletableFuture<FlowEvent> end = waiting.remove(event.executionId());
        if (end != null) {
            end.complete(event);
        }
    }

    /** Reads and checks a flow, then adds what Muster needs to it. */
    Job load(FlowSource source) {
        List<FlowProblem> problems = new FlowValidator(this::knownArtifact, this::dispatchArtifact).validate(source.origin(), source.xml());
        if (!problems.isEmpty()) {
            throw new FlowRejectedException(problems);
        }
        Job job;
        try {
            job = ArchiveXmlLoader.loadJobXml(source.reference(), getClass().getClassLoader(), new ArrayList<>(),
                    new SourceResolver(source));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new FlowRejectedException(new FlowProblem(source.origin(), 0, "JBeret cannot read it: "
                    + cause.getMessage()));
        }
        prepare(job);
        return job;
    }

    /** A ref (a bean name or a class) of the dispatch package, by name or by class, as JBeret would find it. */
    private boolean dispatchArtifact(String ref) {
        String dispatch = io.muster.batch.dispatch.Dispatcher.class.getPackageName() + ".";
        return ref.startsWith(dispatch) || beans.getBeans(ref).stream()
                .anyMatch(b -> b.getBeanClass().getName().startsWith(dispatch));
    }

    /** Only Muster's building blocks: JBeret would otherwise construct any class on the class path by its name. */
    private boolean knownArtifact(String ref) {
        return FlowArtifactFactory.buildingBlock(ref);
    }

    /** Adds the event listeners, default run paths and partition placeholders (see the class comment). */
    static void prepare(Job job) {
        Listeners listeners = job.getListeners();
        if (listeners == null) {
            listeners = new Listeners();
            job.setListeners(listeners);
        }
        listeners.getListeners().add(new RefArtifact(FlowEventsListener.NAME));
        prepare(job.getJobElements());
    }

    private static void prepare(Collection<? extends JobElement> elements) {
        for (JobElement element : elements) {
            if (element instanceof Step step) {
                prepare(step);
            } else if (element instanceof Flow flow) {
                prepare(flow.getJobElements());
            } else if (element instanceof Split split) {
                prepare(split.getFlows());
            }
        }
    }

    private static void prepare(Step step) {
        Listeners listeners = step.getListeners();
        if (listeners == null) {
            listeners = new Listeners();
            step.setListeners(listeners);
        }
        listeners.getListeners().add(new RefArtifact(StepEventsListener.NAME));
        RefArtifact batchlet = step.getBatchlet();
        if (batchlet != null && ClusterJobBatchlet.NAME.equals(batchlet.getRef())) {
            Map<String, String> p = properties(batchlet);
            boolean hasRunpath = p.keySet().stream().anyMatch(k -> io.muster.options.Keywords.find(k)
                    .map(kw -> kw.name().equals("runpath")).orElse(false));
            if (!hasRunpath) {
                p.put("runpath", "#{jobParameters['" + WORK_DIR + "']}");
            }
            if (step.getPartition() != null) {
                for (String placeholder : ClusterJobBatchlet.PLACEHOLDERS) {
                    p.put(ClusterJobBatchlet.PARTITION_PREFIX + placeholder, "#{partitionPlan['" + placeholder + "']}");
                }
            }
        }
        if (step.getPartition() != null) {
            for (RefArtifact a : new RefArtifact[] {step.getPartition().getMapper(), step.getPartition().getReducer()}) {
                if (a != null) {
                    properties(a).putIfAbsent(SplitMapper.WORK_DIR, "#{jobParameters['" + WORK_DIR + "']}");
                }
            }
        }
    }

    private static Map<String, String> properties(RefArtifact artifact) {
        if (artifact.getProperties() == null) {
            artifact.setProperties(new org.jberet.job.model.Properties());
        }
        return artifact.getProperties().getNameValues();
    }

    private static Properties parameters(Map<String, String> given) {
        Properties p = new Properties();
        if (given != null) {
            given.forEach((k, v) -> {
                if (k.startsWith("muster.")) {
                    throw new FlowRejectedException(new FlowProblem("parameters", 0, "parameter names starting with"
                            + " 'muster.' are Muster's own: " + k));
                }
                p.setProperty(k, v);
            });
        }
        return p;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Gives JBeret the text already read, and finds a parent flow ({@code parent="…"}) the same way. */
    private final class SourceResolver extends AbstractJobXmlResolver {
        private final FlowSource source;

        SourceResolver(FlowSource source) {
            this.source = source;
        }

        @Override
        public InputStream resolveJobXml(String jobXml, ClassLoader classLoader) {
            String xml = jobXml.equals(source.reference()) ? source.xml() : library().find(jobXml).xml();
            return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
        }
    }
}
