package io.muster.scheduler;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import io.muster.api.JobState;
import io.muster.config.GridSettings;
import io.muster.job.JobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A cluster scheduler driven through its command-line tools: runs a {@link GridDialect}'s
 * commands through a {@link CommandRunner}. Submits are rate-limited and retried with back-off on
 * transient errors; {@link #status} costs one status command for all jobs (plus one accounting
 * command for those the status command no longer shows); a status command that fails makes
 * every job UNKNOWN, never done. The backend is polled: {@link #pushesUpdates()} is false.
 *
 * <p>The exit code comes from the wrapper's exit-code file first (the job's files are known from
 * submit), the scheduler's accounting second.
 */
public class GridScheduler implements Scheduler {

    private static final Logger LOG = Logger.getLogger(GridScheduler.class.getName());
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How much sooner than its wrapper's start plus its {@code time} a job may end and still count
     * as killed at its limit: the scheduler starts the clock at allocation, before the wrapper
     * writes its start file (measured up to ~8 s on a busy two-core test node with Slurm).
     */
    static final Duration WALLTIME_SLACK = Duration.ofSeconds(15);

    private final GridDialect dialect;
    private final CommandRunner runner;
    private final GridSettings settings;
    private final String user;
    private final RateLimiter<Object> submitLimit;
    private final RetryPolicy<Object> retry;
    /** What this server knows of each job it submitted, by scheduler id, until its end is seen. */
    private record Submitted(JobFiles files, Duration walltime) {
    }

    /** The jobs submitted by this server: their files (for the exit-code file) and time limit. */
    private final Map<String, Submitted> submitted = new ConcurrentHashMap<>();
    /** Jobs submitted to wait for others, and jobs Muster asked to cancel: facts some schedulers do not report. */
    private final Set<String> withDependencies = ConcurrentHashMap.newKeySet();
    /**
     * Ids of jobs seen ending, the latest {@value #ENDED_KEPT}: a dependency on one is a job the
     * scheduler had, even while its accounting (qacct) has no record yet and its queue forgot it.
     */
    private final Set<String> endedRecently = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > ENDED_KEPT;
                }
            }));
    private static final int ENDED_KEPT = 10_000;
    private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();

    public GridScheduler(GridDialect dialect, CommandRunner runner, GridSettings settings) {
        this(dialect, runner, settings, System.getProperty("user.name"));
    }

    public GridScheduler(GridDialect dialect, CommandRunner runner, GridSettings settings, String user) {
        this.dialect = dialect;
        this.runner = runner;
        this.settings = settings;
        this.user = user;
        this.submitLimit = RateLimiter.smoothBuilder(settings.submitsPerSecond(), Duration.ofSeconds(1)).build();
        this.retry = RetryPolicy.builder()
                .handleIf(e -> e instanceof SchedulerException se && se.isTransient())
                .withBackoff(FIRST_BACKOFF, MAX_BACKOFF)
                .withMaxRetries(settings.submitRetries())
                .onRetry(e -> LOG.info(() -> dialect.name() + ": " + e.getLastException().getMessage()
                        + "; trying again (attempt " + (e.getAttemptCount() + 1) + ")"))
                .build();
    }

    /**
     * True if the dialect's submit program is on the PATH and its controller answers the ping
     * command: the test for {@code mode = auto}.
     */
    public static boolean available(GridDialect dialect, CommandRunner runner, Duration timeout) {
        return available(dialect, runner, GridSettings.defaults(dialect.name()), timeout);
    }

    /**
     * True if the dialect's submit program is where {@code settings} look for it ({@code bin_dir},
     * else the PATH) and its controller answers the ping command: the test for {@code mode = auto}.
     */
    public static boolean available(GridDialect dialect, CommandRunner runner, GridSettings settings, Duration timeout) {
        if (settings.locate(dialect.submitProgram()).isEmpty()) {
            return false;
        }
        try {
            return runner.run(settings.resolve(dialect.pingCommand()), timeout).succeeded();
        } catch (CommandRunner.CommandException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The backend these settings ask for: none when off, or when auto and not {@link #available};
     * when on, the backend even if its controller does not answer now (its jobs then fail with
     * the scheduler's message).
     */
    public static Optional<GridScheduler> fromSettings(GridDialect dialect, CommandRunner runner,
                                                       GridSettings settings) {
        String where = settings.binDir() == null ? "on the PATH" : "in " + settings.binDir();
        switch (settings.mode()) {
            case OFF:
                return Optional.empty();
            case AUTO:
                if (!available(dialect, runner, settings, PING_TIMEOUT)) {
                    LOG.info(() -> dialect.name() + " not detected (" + dialect.submitProgram() + " " + where + " and "
                            + String.join(" ", dialect.pingCommand()) + " answering); backend " + dialect.name()
                            + " is off");
                    return Optional.empty();
                }
                break;
            default:
                if (!available(dialect, runner, settings, PING_TIMEOUT)) {
                    LOG.warning(() -> dialect.name() + " is on, but " + String.join(" ", dialect.pingCommand())
                            + " does not answer (or " + dialect.submitProgram() + " is not " + where + ")");
                }
        }
        return Optional.of(new GridScheduler(dialect, runner, settings));
    }

    /** What the dialect cannot run: raw options ({@code extra}) off its allow-list, forms it cannot express. */
    @Override
    public List<io.muster.api.Violation> check(io.muster.options.JobOptions options) {
        return dialect.check(options);
    }

    @Override
    public String name() {
        return dialect.name();
    }

    public GridSettings settings() {
        return settings;
    }

    @Override
    public String submit(JobSubmission job) throws SchedulerException {
        Path wrapper;
        try {
            wrapper = WrapperScript.write(job, dialect.directives(job), dialect.arrayTaskIndex());
        } catch (IOException e) {
            throw new SchedulerException("cannot write the wrapper of job " + job.id() + ": " + e.getMessage());
        }
        List<String> command = dialect.submitCommand(job, wrapper);
        try {
            HandoverRecord.intend(job.files(), Instant.now());
        } catch (IOException e) {
            throw new SchedulerException("cannot record the hand-over of job " + job.id() + ": " + e.getMessage());
        }
        String id = retrying(command, attempt -> {
            if (attempt > 0) {
                Optional<String> taken = submittedEarlier(job);
                if (taken.isPresent()) {
                    return taken.get();
                }
            }
            submitLimit.acquirePermit();
            CommandResult result = attempt(command, r -> false);
            try {
                return dialect.parseSubmitted(result.stdout());
            } catch (IllegalArgumentException e) {
                throw new SchedulerException(dialect.name() + " accepted job " + job.id()
                        + " but its answer has no job id: " + e.getMessage(), command, result.exitCode(),
                        result.output(), false);
            }
        });
        try {
            HandoverRecord.handedOver(job.files(), id);
        } catch (IOException e) {
            // the store records the id too; only a crash before that record would miss this one
            LOG.warning(() -> "job " + job.id() + ": cannot record its " + dialect.name() + " id " + id + " in "
                    + job.files().handover() + ": " + e.getMessage());
        }
        remember(id, job);
        return id;
    }

    private void remember(String id, JobSubmission job) {
        // the time limit tells a job killed at its limit from one killed otherwise
        submitted.put(id, new Submitted(job.files(), job.options().time()));
        if (!job.dependencies().isEmpty()) {
            withDependencies.add(id);
        }
    }

    /** Learns the files and limits of jobs an earlier server submitted, from the store. */
    @Override
    public void adopt(List<Handover> handedOver) {
        for (Handover h : handedOver) {
            remember(h.schedulerId(), h.job());
        }
    }

    /**
     * Where the dialect tags its jobs (Slurm's comment, Grid Engine's working directory), a lost
     * record is found again by the tag; a dialect that keeps only the name (PBS) is searched by
     * name, which can be wrong, so its hand-overs are recorded durably.
     */
    @Override
    public boolean findsUnrecordedHandovers() {
        return dialect.submittedLookupCommand(user).isPresent() && dialect.tagsJobs();
    }

    /**
     * The jobs' own hand-over records first ({@link HandoverRecord}: the id the scheduler
     * answered); then, for those whose submit began without an answer recorded, one lookup command
     * for all: by tag, or where the dialect has none by name, owner and submit time, each job of
     * the scheduler taken once, oldest first, in acceptance order.
     */
    @Override
    public Map<io.muster.api.JobId, String> findHandedOver(List<JobSubmission> jobs) {
        Map<io.muster.api.JobId, String> found = new LinkedHashMap<>();
        List<JobSubmission> unknown = new ArrayList<>();
        for (JobSubmission job : jobs) {
            Optional<String> recorded = HandoverRecord.schedulerId(job.files());
            if (recorded.isPresent()) {
                found.put(job.id(), recorded.get());
            } else if (dialect.tagsJobs() || HandoverRecord.intendedAt(job.files()).isPresent()) {
                // a tagged job is looked for even without a record: one handed over by an older server has none
                unknown.add(job);
            }
        }
        Optional<List<String>> lookup = dialect.submittedLookupCommand(user);
        if (unknown.isEmpty() || lookup.isEmpty()) {
            return found;
        }
        String listing;
        try {
            listing = attempt(lookup.get(), dialect::lookupAnswered).stdout();
        } catch (SchedulerException e) {
            // not knowing is not "never submitted": the caller must not submit these blindly
            throw new IllegalStateException(dialect.name() + ": cannot look for jobs handed over before a restart: "
                    + e.getMessage(), e);
        }
        int recorded = found.size();
        Set<String> taken = new java.util.HashSet<>(submitted.keySet());
        taken.addAll(found.values());
        for (JobSubmission job : unknown) {
            Optional<String> id = findIn(listing, job, taken);
            id.ifPresent(i -> {
                found.put(job.id(), i);
                taken.add(i);
            });
        }
        int searched = found.size() - recorded;
        LOG.info(() -> dialect.name() + ": of " + unknown.size() + " jobs whose submit may have begun, " + searched
                + " found " + (dialect.tagsJobs() ? "by their tag" : "by name and submit time") + " ("
                + recorded + " more by their hand-over records)");
        return found;
    }

    /** The wrapper {@link #submit} writes: the dialect's directives first (#SBATCH, #PBS lines). */
    @Override
    public String renderWrapper(JobSubmission job) {
        return WrapperScript.render(job, dialect.directives(job), dialect.arrayTaskIndex());
    }

    @Override
    public List<String> submitCommand(JobSubmission job) {
        return dialect.submitCommand(job, job.files().wrapper());
    }

    /** ONE queue command for the user's whole queue on the scheduler (for muster queue --scheduler). */
    @Override
    public Optional<List<SchedulerJob>> queue() throws SchedulerException {
        CommandResult result = attempt(dialect.queueCommand(user), dialect::statusAnswered);
        try {
            return Optional.of(dialect.parseQueue(result.stdout(), user));
        } catch (IllegalArgumentException e) {
            throw new SchedulerException(dialect.name() + "'s queue cannot be read: " + e.getMessage());
        }
    }

    @Override
    public Map<String, SchedulerStatus> status(Collection<String> schedulerIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(schedulerIds));
        Map<String, SchedulerStatus> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<String, SchedulerStatus> listed;
        try {
            CommandResult result = attempt(dialect.statusCommand(user, ids), dialect::statusAnswered);
            listed = dialect.parseStatus(result.stdout(), ids);
        } catch (SchedulerException | RuntimeException e) {
            LOG.log(Level.WARNING, dialect.name() + ": status of " + ids.size() + " jobs unknown this time: "
                    + e.getMessage());
            ids.forEach(id -> out.put(id, SchedulerStatus.unknown(dialect.name() + " status failed: " + e.getMessage())));
            return out;
        }
        // accounting: jobs the status command forgot, and ended jobs whose exit-code file is missing
        List<String> unaccounted = ids.stream()
                .filter(id -> !listed.containsKey(id) || needsExitCode(id, listed.get(id)))
                .toList();
        Map<String, SchedulerStatus> accounted = unaccounted.isEmpty() ? Map.of() : account(unaccounted);
        List<String> neverRunnable = new ArrayList<>();
        for (String id : ids) {
            SchedulerStatus status = merge(listed.get(id), accounted.get(id));
            JobTrace trace = null;
            if (status == null) {
                trace = trace(id);
                status = forgotten(id, trace);
            }
            if (status == null) {
                status = SchedulerStatus.unknown(dialect.name() + " does not know job " + id + " (yet)");
            }
            if (status.state().isFinal()) {
                status = dialect.settle(status, trace != null ? trace : trace(id));
            }
            if (status.state().isFinal()) {
                endedRecently.add(id);
                submitted.remove(id);
                withDependencies.remove(id);
                cancelRequested.remove(id);
                // no end time: the scheduler still holds it pending rather than having ended it
                if (status.state() == JobState.DEPENDENCY_FAILED && listed.containsKey(id) && status.ended() == null) {
                    neverRunnable.add(id);
                }
            }
            out.put(id, status);
        }
        cancelQuietly(neverRunnable);
        return out;
    }

    @Override
    public Set<String> unknownJobs(Collection<String> ids) {
        Set<String> unknown = new LinkedHashSet<>(ids);
        unknown.removeAll(submitted.keySet());
        unknown.removeIf(endedRecently::contains);
        if (unknown.isEmpty()) {
            return Set.of();
        }
        try {
            CommandResult listed = attempt(dialect.statusCommand(user, List.copyOf(unknown)), dialect::statusAnswered);
            unknown.removeAll(dialect.parseStatus(listed.stdout(), List.copyOf(unknown)).keySet());
            for (List<String> command : dialect.accountingCommands(List.copyOf(unknown))) {
                if (unknown.isEmpty()) {
                    break;
                }
                CommandResult accounted = attempt(command, dialect::accountingAnswered);
                unknown.removeAll(dialect.parseAccounting(accounted.stdout(), List.copyOf(unknown)).keySet());
            }
        } catch (SchedulerException | RuntimeException e) {
            LOG.warning(() -> dialect.name() + ": cannot tell whether it knows jobs " + ids + ": " + e.getMessage());
            return Set.of();
        }
        return unknown;
    }

    /** An ended job that ran, whose exit code neither the status command nor the wrapper's file tells. */
    private boolean needsExitCode(String id, SchedulerStatus status) {
        return status.state().isFinal() && status.started() != null && status.exitCode() == null
                && exitCodeFile(id).isEmpty();
    }

    /** The status command's state, with accounting's exit code if it had none; accounting alone if it was absent. */
    private static SchedulerStatus merge(SchedulerStatus listed, SchedulerStatus accounted) {
        if (listed == null) {
            return accounted;
        }
        if (accounted != null && listed.exitCode() == null) {
            return withExitCode(listed, accounted.exitCode());
        }
        return listed;
    }

    private static SchedulerStatus withExitCode(SchedulerStatus s, Integer code) {
        return new SchedulerStatus(s.state(), code, s.reason(), s.started(), s.ended());
    }

    private JobTrace trace(String id) {
        Submitted job = submitted.get(id);
        Optional<Instant> started = job == null ? Optional.empty() : ExitCodes.startedAt(job.files());
        // the wrapper writes its start a moment after the scheduler started the job (seconds on a
        // loaded node), and the scheduler counts the limit from its own start: allow for that
        boolean pastWalltime = job != null && job.walltime() != null && started.isPresent()
                && !started.get().plus(job.walltime()).minus(WALLTIME_SLACK).isAfter(Instant.now());
        Integer exitCode = exitCodeFile(id).orElse(null);
        boolean tasksPending = job != null && exitCode == null && job.files().taskIndices().isPresent();
        return new JobTrace(exitCode, job != null && Files.exists(job.files().started()),
                cancelRequested.contains(id), withDependencies.contains(id), pastWalltime, tasksPending);
    }

    /**
     * A job neither the status command nor accounting lists any more (Torque forgets finished jobs
     * at once unless told to keep them) has ended if its wrapper recorded an exit code, or if
     * Muster cancelled it; otherwise it stays unknown.
     */
    private SchedulerStatus forgotten(String id, JobTrace trace) {
        String gone = dialect.name() + " no longer lists job " + id;
        if (trace.exitCode() != null) {
            int code = trace.exitCode();
            JobState state = code == 0 ? JobState.COMPLETED : trace.cancelRequested() ? JobState.CANCELLED : JobState.FAILED;
            return new SchedulerStatus(state, code, gone + "; its wrapper recorded exit code " + code, null, null);
        }
        if (trace.cancelRequested()) {
            return new SchedulerStatus(JobState.CANCELLED, null, gone + " after it was cancelled", null, null);
        }
        return null;
    }

    /** A tenth of the limit, at most 10 s: how much later than the scheduler the wrapper may have started. */
    static Duration startSlack(Duration walltime) {
        Duration tenth = walltime.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : tenth;
    }

    private Optional<Integer> exitCodeFile(String id) {
        Submitted job = submitted.get(id);
        return job == null ? Optional.empty() : ExitCodes.read(job.files());
    }

    private Map<String, SchedulerStatus> account(List<String> ids) {
        Map<String, SchedulerStatus> out = new LinkedHashMap<>();
        for (List<String> command : dialect.accountingCommands(ids)) {
            try {
                out.putAll(dialect.parseAccounting(attempt(command, dialect::accountingAnswered).stdout(), ids));
            } catch (SchedulerException | RuntimeException e) {
                LOG.log(Level.WARNING, dialect.name() + ": accounting of " + ids.size() + " jobs failed: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * A job whose dependency can never be satisfied is ended for good: a scheduler told not to
     * kill such jobs would otherwise keep it pending for ever.
     */
    private void cancelQuietly(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            cancel(ids);
        } catch (SchedulerException e) {
            LOG.log(Level.FINE, dialect.name() + ": cannot cancel never-runnable jobs " + ids + ": " + e.getMessage());
        }
    }

    @Override
    public void cancel(Collection<String> schedulerIds) throws SchedulerException {
        if (schedulerIds.isEmpty()) {
            return;
        }
        schedulerIds.stream().filter(submitted::containsKey).forEach(cancelRequested::add);
        for (List<String> command : dialect.cancelCommands(new LinkedHashSet<>(schedulerIds))) {
            execute(command, dialect::cancelledAlready);
        }
    }

    /**
     * {@code job} in the lookup command's output: by its tag, or by name and the time its submit
     * began (the oldest namesake not in {@code taken}).
     */
    private Optional<String> findIn(String listing, JobSubmission job, Set<String> taken) {
        if (dialect.tagsJobs()) {
            return dialect.parseSubmittedLookup(listing, job);
        }
        Optional<Instant> intent = HandoverRecord.intendedAt(job.files());
        return intent.flatMap(at -> dialect.parseNamesakes(listing, job, user, at).stream()
                .filter(candidate -> !taken.contains(candidate)).findFirst());
    }

    /**
     * The id of a job an earlier, timed-out submit got to the controller after all: a retry must
     * not submit it twice. Empty if the scheduler has no such lookup or the lookup fails.
     */
    private Optional<String> submittedEarlier(JobSubmission job) {
        Optional<List<String>> lookup = dialect.submittedLookupCommand(user);
        if (lookup.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<String> id = findIn(attempt(lookup.get(), dialect::lookupAnswered).stdout(), job,
                    submitted.keySet());
            id.ifPresent(i -> LOG.info(() -> dialect.name() + ": job " + job.id() + " was submitted as " + i
                    + " by an earlier attempt that timed out; not submitting it again"));
            return id;
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    /** One attempt of a retried action; {@code attempt} counts from 0. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run(int attempt) throws SchedulerException, InterruptedException;
    }

    /** Runs a command, retrying transient failures with back-off. */
    private CommandResult execute(List<String> command, Predicate<CommandResult> harmless)
            throws SchedulerException {
        return retrying(command, n -> attempt(command, harmless));
    }

    /** Runs {@code action}, retrying transient failures of {@code command} with back-off. */
    private <T> T retrying(List<String> command, Attempt<T> action) throws SchedulerException {
        try {
            return Failsafe.with(retry).get(context -> action.run(context.getAttemptCount()));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof SchedulerException se) {
                throw se;
            }
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new SchedulerException("interrupted while running " + command.get(0), command, null, "", true);
            }
            throw new SchedulerException(command.get(0) + " failed: " + e.getCause(), command, null, "", false);
        }
    }

    /** One run of a command; a non-zero exit is a {@link SchedulerException} unless {@code harmless}. */
    private CommandResult attempt(List<String> command, Predicate<CommandResult> harmless) throws SchedulerException {
        CommandResult result;
        command = settings.resolve(command);
        try {
            result = runner.run(command, settings.commandTimeout());
        } catch (CommandRunner.CommandException e) {
            throw new SchedulerException(e.getMessage(), command, null, e.output(), e.timedOut());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchedulerException("interrupted while running " + command.get(0), command, null, "", false);
        }
        if (!result.succeeded() && !harmless.test(result)) {
            throw new SchedulerException(dialect.errorMessage(result), command, result.exitCode(), result.output(),
                    dialect.isTransient(result));
        }
        return result;
    }

    @Override
    public boolean pushesUpdates() {
        return false;
    }

    /** The backend's {@code poll_interval}. */
    @Override
    public java.time.Duration pollInterval() {
        return settings.pollInterval();
    }

    /** Polled backends report through the tracker's poll; nothing is pushed. */
    @Override
    public void setListener(StatusListener listener) {
    }

    /** How many jobs this scheduler still holds files for (submitted, end not yet seen). */
    public int trackedFiles() {
        return submitted.size();
    }
}
