package io.muster.scheduler.slurm;

import static io.muster.api.JobState.CANCELLED;
import static io.muster.api.JobState.COMPLETED;
import static io.muster.api.JobState.COMPLETING;
import static io.muster.api.JobState.DEPENDENCY_FAILED;
import static io.muster.api.JobState.FAILED;
import static io.muster.api.JobState.HELD;
import static io.muster.api.JobState.NODE_FAIL;
import static io.muster.api.JobState.OUT_OF_MEMORY;
import static io.muster.api.JobState.PREEMPTED;
import static io.muster.api.JobState.QUEUED;
import static io.muster.api.JobState.REQUEUED;
import static io.muster.api.JobState.RUNNING;
import static io.muster.api.JobState.SUSPENDED;
import static io.muster.api.JobState.TIMEOUT;

import io.muster.api.JobState;
import io.muster.job.Placement;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.GridDialect;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.SchedulerJob;
import io.muster.scheduler.SchedulerStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slurm's dialect: {@code #SBATCH} directives, {@code sbatch --parsable}, one
 * {@code squeue -u USER -t all} per poll, {@code sacct -P -X} for jobs squeue has forgotten,
 * {@code scancel} in batches. Pure: it builds command lines and reads text, and runs nothing.
 */
public final class SlurmDialect implements GridDialect {

    /**
     * squeue columns: id (array tasks as 13_0 or 13_[1-2]), state, reason, start, end, then
     * where the job is (partition, node list, node count, CPUs: fyrd's queue columns) and whose
     * it is (user, comment: Muster's tag, name; the name last, since it may hold a '|').
     */
    static final String SQUEUE_FORMAT = "%i|%T|%r|%S|%e|%P|%N|%D|%C|%u|%k|%j";
    /** sacct columns, the same facts plus the exit code as code:signal, then partition, nodes, node count, CPUs. */
    static final String SACCT_FORMAT = "JobID,State,ExitCode,Reason,Start,End,Partition,NodeList,NNodes,AllocCPUS";
    /** Ids per scancel: far below any command-line limit, still one call for most cancels. */
    static final int CANCEL_BATCH = 200;

    /**
     * Slurm's job states (squeue %T, sacct State) to Muster's: ONE line per Slurm state. Reasons
     * that change the meaning of a state are in {@link #state(String, String, boolean)}.
     */
    private static final Map<String, JobState> STATES = Map.ofEntries(
            Map.entry("PENDING", QUEUED),              // waiting: priority, resources, a dependency
            Map.entry("CONFIGURING", QUEUED),          // nodes allocated but still booting: the command has not started
            Map.entry("RUNNING", RUNNING),
            Map.entry("COMPLETING", COMPLETING),       // command ended, Slurm cleans up the nodes
            Map.entry("COMPLETED", COMPLETED),         // every process exited 0
            Map.entry("FAILED", FAILED),               // non-zero exit code (or the launch failed)
            Map.entry("CANCELLED", CANCELLED),         // scancel, sacct adds "by UID"; Slurm itself for a never-satisfied dependency
            Map.entry("TIMEOUT", TIMEOUT),             // hit its time limit
            Map.entry("OUT_OF_MEMORY", OUT_OF_MEMORY), // killed by the memory limit
            Map.entry("NODE_FAIL", NODE_FAIL),         // its node failed under it
            Map.entry("BOOT_FAIL", NODE_FAIL),         // its node failed to boot: a node failure before the start
            Map.entry("PREEMPTED", PREEMPTED),         // stopped for a job of higher priority; may be requeued
            Map.entry("SUSPENDED", SUSPENDED),         // scontrol suspend, or gang scheduling
            Map.entry("STOPPED", SUSPENDED),           // SIGSTOP'ed, holds its resources
            Map.entry("REQUEUED", REQUEUED),           // put back into the queue, will run again
            Map.entry("REQUEUE_HOLD", HELD),           // requeued and held
            Map.entry("REQUEUE_FED", REQUEUED),        // requeued by a federation
            Map.entry("RESV_DEL_HOLD", HELD),          // its reservation was deleted; held
            Map.entry("DEADLINE", TIMEOUT),            // could not finish before its --deadline: a time limit too
            Map.entry("RESIZING", RUNNING),            // changing size while running
            Map.entry("SIGNALING", RUNNING),           // being signalled, still running
            Map.entry("STAGE_OUT", COMPLETING),        // burst buffer stage-out after the command ended
            Map.entry("SPECIAL_EXIT", FAILED),         // requeued and held after a special exit code
            Map.entry("REVOKED", CANCELLED));          // removed because a sibling cluster of a federation runs it

    /**
     * Slurm's reasons that say why a job ended (or was ended): kept once the job left the queue.
     * Any other reason is a waiting reason (Resources, Priority, QOS limits, ...), which no longer
     * holds for a job that runs or ended, though squeue and sacct keep showing it.
     */
    private static final Set<String> ENDING_REASONS = Set.of("NonZeroExitCode", "RaisedSignal", "TimeLimit",
            "JobLaunchFailure", "NodeDown", "OutOfMemory", "SystemFailure", "Prolog", "DeadLine", "PartitionTimeLimit",
            "BadConstraints", "InvalidAccount", "InvalidQOS", "JobHeldAdmin", "JobHeldUser");
    /** Slurm's reason for a batch script that died by a signal: it did launch, it was killed. */
    static final String LAUNCH_FAILURE = "JobLaunchFailure";

    /** squeue's reason for a job whose dependency failed: it will never run. */
    static final String NEVER_SATISFIED = "DependencyNeverSatisfied";
    /** Words in a failed command's output that mean "the controller did not answer", not "no". */
    private static final List<String> TRANSIENT = List.of(
            "Socket timed out",
            "Unable to contact slurm controller",
            "Slurm temporarily unable to accept job",
            "Zero Bytes were transmitted or received",
            "Connection refused",
            "Connection timed out",
            "Resource temporarily unavailable",
            "Transport endpoint is not connected");
    private static final Set<String> NO_TIME = Set.of("", "N/A", "NONE", "None", "Unknown");

    private final ZoneId zone;

    public SlurmDialect() {
        this(ZoneId.systemDefault());
    }

    /** @param zone the controller's time zone: Slurm prints times without one */
    public SlurmDialect(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public io.muster.scheduler.ExtraArguments extraArguments() {
        return SlurmExtra.ARGUMENTS;
    }

    @Override
    public String submitProgram() {
        return "sbatch";
    }

    @Override
    public List<String> pingCommand() {
        return List.of("scontrol", "ping");
    }

    @Override
    public List<String> directives(JobSubmission job) {
        List<String> args = new ArrayList<>();
        args.add("--job-name=" + job.name());
        // sbatch starts in the job's directory; the wrapper itself changes to runpath
        args.add("--chdir=" + job.files().dir());
        List<String> rendered = SlurmOptions.COLUMN.arguments(job.options());
        if (rendered.stream().noneMatch(a -> a.startsWith("--output="))) {
            // Slurm's own messages (a cancel, a time limit); the command's output goes to the job's files
            args.add("--output=" + (job.options().array() == null ? schedulerLog(job.files().dir())
                    : job.files().dir().resolve("slurm.%a.out")));
        }
        if (rendered.stream().noneMatch(a -> a.startsWith("--comment="))) {
            // the tag that finds this job again after an sbatch that timed out
            args.add("--comment=" + tag(job));
        }
        if (rendered.stream().noneMatch(a -> a.startsWith("--cpus-per-task="))) {
            // always ask for the cores explicitly rather than take the site's default
            args.add("--cpus-per-task=" + job.options().cores());
        }
        args.addAll(rendered);
        return args.stream().map(a -> "#SBATCH " + a).toList();
    }

    @Override
    public String arrayTaskIndex() {
        return "$SLURM_ARRAY_TASK_ID";
    }

    /** Where Slurm writes its own words about a job, beside the job's files. */
    public static Path schedulerLog(Path jobDir) {
        return jobDir.resolve("slurm.out");
    }

    @Override
    public List<String> submitCommand(JobSubmission job, Path wrapper) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        if (!job.dependencies().isEmpty()) {
            command.add("--dependency=" + (job.afterAny() ? "afterany:" : "afterok:")
                    + String.join(":", job.dependencies()));
        }
        command.add(wrapper.toString());
        return command;
    }

    /** {@code --parsable} prints {@code ID} or {@code ID;CLUSTER}. */
    @Override
    public String parseSubmitted(String stdout) {
        String line = stdout.strip();
        int nl = line.lastIndexOf('\n');
        line = nl < 0 ? line : line.substring(nl + 1).strip();
        int semicolon = line.indexOf(';');
        String id = semicolon < 0 ? line : line.substring(0, semicolon);
        if (!id.matches("\\d+")) {
            throw new IllegalArgumentException("expected a job id, sbatch printed '" + stdout.strip() + "'");
        }
        return id;
    }

    /** The comment Muster gives each job: its own id. */
    static String tag(JobSubmission job) {
        return "muster:" + job.id();
    }

    @Override
    public Optional<List<String>> submittedLookupCommand(String user) {
        return Optional.of(List.of("squeue", "--noheader", "--user=" + user, "--states=all", "--format=%i|%k"));
    }

    @Override
    public Optional<String> parseSubmittedLookup(String stdout, JobSubmission job) {
        String tag = tag(job);
        return stdout.lines()
                .map(line -> line.split("\\|", 2))
                .filter(f -> f.length == 2 && f[1].strip().equals(tag) && f[0].strip().matches("\\d+"))
                .map(f -> f[0].strip())
                .findFirst();
    }

    @Override
    public List<String> statusCommand(String user, Collection<String> ids) {
        return List.of("squeue", "--all", "--noheader", "--user=" + user, "--states=all", "--format=" + SQUEUE_FORMAT);
    }

    @Override
    public Map<String, SchedulerStatus> parseStatus(String stdout, Collection<String> ids) {
        List<Row> rows = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = fields(line, 5);
            rows.add(new Row(ArrayId.parse(f[0]), status(f[1], f[2], null, f[3], f[4], false)
                    .placed(placement(f, 5))));
        }
        return select(rows, ids);
    }

    /** The status command itself: squeue already lists every job of the user, Muster's or not. */
    @Override
    public List<String> queueCommand(String user) {
        return statusCommand(user, List.of());
    }

    @Override
    public List<SchedulerJob> parseQueue(String stdout, String user) {
        List<SchedulerJob> jobs = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = fields(line, 12);
            String comment = f[10].strip();
            String name = String.join("|", java.util.Arrays.asList(f).subList(11, f.length));
            jobs.add(new SchedulerJob(f[0].strip(), comment.startsWith("muster:") ? comment.substring(7) : null,
                    name, f[9].strip(), status(f[1], f[2], null, f[3], f[4], false).placed(placement(f, 5))));
        }
        return jobs;
    }

    @Override
    public Optional<List<String>> accountingCommand(Collection<String> ids) {
        return Optional.of(List.of("sacct", "--parsable2", "--allocations", "--noheader",
                "--jobs=" + String.join(",", ids), "--format=" + SACCT_FORMAT));
    }

    @Override
    public Map<String, SchedulerStatus> parseAccounting(String stdout, Collection<String> ids) {
        List<Row> rows = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = fields(line, 6);
            rows.add(new Row(ArrayId.parse(f[0]), status(f[1], f[3], f[2], f[4], f[5], true).placed(placement(f, 6))));
        }
        return select(rows, ids);
    }

    @Override
    public List<List<String>> cancelCommands(Collection<String> ids) {
        return GridDialect.batched("scancel", List.copyOf(ids), CANCEL_BATCH);
    }

    @Override
    public boolean cancelledAlready(CommandResult result) {
        String out = result.output();
        return out.contains("already completing or completed") || out.contains("Invalid job id specified");
    }

    @Override
    public boolean isTransient(CommandResult result) {
        return GridDialect.mentionsAny(result, TRANSIENT);
    }

    /** sbatch's words without its "sbatch: error: " prefixes, one clause per line. */
    @Override
    public String errorMessage(CommandResult result) {
        List<String> lines = result.output().lines()
                .map(l -> l.replaceFirst("^\\w+: error: ", "").strip())
                .filter(l -> !l.isEmpty())
                .toList();
        return lines.isEmpty() ? GridDialect.super.errorMessage(result) : String.join("; ", lines);
    }

    /**
     * Muster's state for a Slurm state and reason. {@code CANCELLED by 0} (sacct) is CANCELLED.
     * A dependency that can never be satisfied shows as reason {@value #NEVER_SATISFIED} in
     * squeue and, once Slurm has cancelled the job, as a plain CANCELLED (no "by") with reason
     * {@code Dependency} in sacct: both are DEPENDENCY_FAILED. A job held by a user or an admin
     * is HELD.
     */
    static JobState state(String slurmState, String reason, boolean accounting) {
        String word = slurmState.strip();
        boolean byUser = word.contains(" by ");
        int space = word.indexOf(' ');
        word = space < 0 ? word : word.substring(0, space);
        JobState state = STATES.get(word);
        if (state == null) {
            return JobState.UNKNOWN;
        }
        if (NEVER_SATISFIED.equals(reason) && (state == QUEUED || state == CANCELLED)) {
            return DEPENDENCY_FAILED;
        }
        if (accounting && state == CANCELLED && !byUser && "Dependency".equals(reason)) {
            return DEPENDENCY_FAILED;
        }
        if (accounting && state == PREEMPTED) {
            // Only accounting still knows it: the controller dropped the job instead of requeueing
            // it (PreemptMode=CANCEL), so it will never run again.
            return CANCELLED;
        }
        if (state == QUEUED && reason != null && reason.startsWith("JobHeld")) {
            return HELD;
        }
        return state;
    }

    private SchedulerStatus status(String slurmState, String reason, String exitCode, String start, String end,
                                   boolean accounting) {
        JobState state = state(slurmState, reason, accounting);
        String why = state == JobState.UNKNOWN ? "unknown Slurm state '" + slurmState + "'"
                : accounting && state == CANCELLED && slurmState.strip().startsWith("PREEMPTED")
                ? "preempted and not requeued"
                : state == QUEUED || state == HELD || state == DEPENDENCY_FAILED
                || (reasonText(reason) != null && ENDING_REASONS.contains(reasonText(reason))) ? reasonText(reason) : null;
        Instant started = state == QUEUED || state == HELD || state == DEPENDENCY_FAILED ? null : time(start);
        Instant ended = state.isFinal() ? time(end) : null;
        // a job that never started has no exit code, whatever accounting's 0:0 says
        Integer code = started == null ? null : exitCode(exitCode);
        if (state == FAILED && code != null && code > 128 && exitCode != null && exitCode.contains(":")
                && !exitCode.strip().endsWith(":0")) {
            // sacct's code:signal with a signal: the script was killed, whatever the reason says
            why = "killed by signal " + (code - 128);
        }
        return new SchedulerStatus(state, code, why, started, ended);
    }

    /**
     * The default (the wrapper's exit code first), and a job that Slurm says failed to launch
     * although its wrapper started, which a signal killed (its command's {@code kill -9 $$}): its
     * reason says so, and its exit code is 128+N as bash reports it (sacct's {@code 0:9} is 137).
     */
    @Override
    public SchedulerStatus settle(SchedulerStatus ended, io.muster.scheduler.JobTrace trace) {
        SchedulerStatus s = GridDialect.super.settle(ended, trace);
        if (s.state() == FAILED && trace.started() && trace.exitCode() == null && LAUNCH_FAILURE.equals(s.reason())) {
            String why = s.exitCode() != null && s.exitCode() > 128 ? "killed by signal " + (s.exitCode() - 128)
                    : "the job's script was killed before it recorded an exit code (Slurm: " + LAUNCH_FAILURE + ")";
            return new SchedulerStatus(FAILED, s.exitCode(), why, s.started(), s.ended());
        }
        return s;
    }

    private static String reasonText(String reason) {
        return reason == null || reason.isBlank() || reason.equals("None") ? null : reason;
    }

    /** sacct's {@code code:signal}; a job killed by a signal gets 128+signal, as a shell reports it. */
    static Integer exitCode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.strip().split(":");
        try {
            int code = Integer.parseInt(parts[0]);
            int signal = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return signal > 0 ? 128 + signal : code;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an exit code (code:signal): '" + text + "'");
        }
    }

    private Instant time(String text) {
        String t = text == null ? "" : text.strip();
        if (NO_TIME.contains(t)) {
            return null;
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a Slurm time: '" + text + "'");
        }
    }

    /**
     * Partition, node list, node count and CPUs from the four columns at {@code from}, if the
     * line has them. A pending job's node list is empty, or {@code (null)}/{@code None assigned}.
     */
    static Placement placement(String[] f, int from) {
        if (f.length < from + 4) {
            return null;
        }
        String nodes = f[from + 1].strip();
        if (nodes.equals("(null)") || nodes.equalsIgnoreCase("None assigned") || nodes.startsWith("(")) {
            nodes = null;
        }
        Placement p = new Placement(f[from], nodes, count(f[from + 2]), count(f[from + 3]));
        return p.isEmpty() ? null : p;
    }

    private static Integer count(String text) {
        String t = text.strip();
        return t.matches("\\d+") && !t.equals("0") ? Integer.valueOf(t) : null;
    }

    private static String[] fields(String line, int count) {
        String[] f = line.split("\\|", -1);
        if (f.length < count) {
            throw new IllegalArgumentException("expected " + count + " fields separated by '|', got: " + line);
        }
        return f;
    }

    private record Row(ArrayId id, SchedulerStatus status) {
    }

    /** The statuses of the requested ids: a row of its own, or the aggregate of an array's tasks. */
    private static Map<String, SchedulerStatus> select(List<Row> rows, Collection<String> ids) {
        Map<String, SchedulerStatus> out = new LinkedHashMap<>();
        for (String id : ids) {
            ArrayId wanted = ArrayId.parse(id);
            List<SchedulerStatus> matching = rows.stream()
                    .filter(r -> wanted.covers(r.id()))
                    .map(Row::status)
                    .toList();
            if (!matching.isEmpty()) {
                out.put(id, io.muster.scheduler.ArrayStates.aggregate(matching));
            }
        }
        return out;
    }
}
