package io.muster.scheduler.torque;

import static io.muster.api.JobState.CANCELLED;
import static io.muster.api.JobState.COMPLETED;
import static io.muster.api.JobState.COMPLETING;
import static io.muster.api.JobState.DEPENDENCY_FAILED;
import static io.muster.api.JobState.FAILED;
import static io.muster.api.JobState.HELD;
import static io.muster.api.JobState.NODE_FAIL;
import static io.muster.api.JobState.OUT_OF_MEMORY;
import static io.muster.api.JobState.QUEUED;
import static io.muster.api.JobState.RUNNING;
import static io.muster.api.JobState.SUSPENDED;
import static io.muster.api.JobState.TIMEOUT;

import io.muster.api.JobState;
import io.muster.job.Placement;
import io.muster.options.JobOptions;
import io.muster.scheduler.ArrayStates;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.GridDialect;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.JobTrace;
import io.muster.scheduler.SchedulerJob;
import io.muster.scheduler.SchedulerStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Torque's and PBS's dialect: {@code #PBS} directives, {@code qsub}, ONE {@code qstat -f} (or
 * Torque's {@code qstat -x} XML) per poll for every tracked job, {@code qdel} in batches. It also
 * drives Slurm's PBS commands ({@code slurm-wlm-torque}), whose qstat says only "C" for every
 * ending and gives no exit status: {@link #settle} then decides from Muster's own trace. Pure: it
 * builds command lines and reads text, and runs nothing.
 */
public final class TorqueDialect implements GridDialect {

    /** Which full status qstat is asked for: {@code -f} (everywhere) or {@code -x} (Torque's XML). */
    public enum QstatFormat { FULL, XML }

    /** PBS job names: at most 15 characters, the first a letter. */
    static final int NAME_LIMIT = 15;
    /** The Muster id's random tail that ends every PBS name ({@link #pbsName}), with its dash. */
    private static final int TAG_LENGTH = 6;
    /** Ids per qdel: far below any command-line limit, still one call for most cancels. */
    static final int CANCEL_BATCH = 200;

    /**
     * PBS's job_state codes to Muster's: ONE line per code. C, F and X say only that the job ended;
     * its exit_status decides how ({@link #ending}).
     */
    private static final Map<String, JobState> STATES = Map.ofEntries(
            Map.entry("B", RUNNING),    // PBS Pro: an array job at least one of whose tasks has begun
            Map.entry("C", COMPLETED),  // Torque: completed, whether it succeeded, failed or was deleted: exit_status decides
            Map.entry("E", COMPLETING), // exiting after having run: the command ended, output is being staged back
            Map.entry("F", COMPLETED),  // PBS Pro: finished (history): Exit_status decides
            Map.entry("H", HELD),       // held by a user, an operator or the system (qhold, a hold before submit)
            Map.entry("Q", QUEUED),     // queued, eligible to run or be routed
            Map.entry("R", RUNNING),
            Map.entry("S", SUSPENDED),  // suspended by the scheduler or by qsig -s suspend; keeps its nodes
            Map.entry("T", QUEUED),     // in transit to a new queue or server: has not started
            Map.entry("W", QUEUED),     // waiting for its start time (qsub -a) or for files to be staged in
            Map.entry("X", COMPLETED)); // PBS Pro: an array task that finished: Exit_status decides

    /** Torque's negative exit_status values: PBS, not the command, ended the job. ONE line per value. */
    private static final Map<Integer, Ending> TORQUE_EXEC_CODES = Map.ofEntries(
            Map.entry(-1, new Ending(FAILED, "PBS could not start the job (JOB_EXEC_FAIL1)")),
            Map.entry(-2, new Ending(FAILED, "PBS could not start the job after staging files (JOB_EXEC_FAIL2)")),
            Map.entry(-3, new Ending(FAILED, "the job failed to start and will not be retried (JOB_EXEC_RETRY)")),
            Map.entry(-4, new Ending(NODE_FAIL, "the node's pbs_mom restarted under the job (JOB_EXEC_INITABT)")),
            Map.entry(-5, new Ending(NODE_FAIL, "the node's pbs_mom restarted under the job (JOB_EXEC_INITRST)")),
            Map.entry(-6, new Ending(NODE_FAIL, "the node's pbs_mom restarted under the job (JOB_EXEC_INITRMG)")),
            Map.entry(-7, new Ending(FAILED, "the job's restart from a checkpoint failed (JOB_EXEC_BADRESRT)")),
            Map.entry(-8, new Ending(FAILED, "the job's script could not be executed (JOB_EXEC_CMDFAIL)")),
            Map.entry(-9, new Ending(FAILED, "PBS could not open the job's output files (JOB_EXEC_STDOUTFAIL)")),
            Map.entry(-10, new Ending(OUT_OF_MEMORY, "the job exceeded its memory limit (JOB_EXEC_OVERLIMIT_MEM)")),
            Map.entry(-11, new Ending(TIMEOUT, "the job exceeded its walltime (JOB_EXEC_OVERLIMIT_WT)")),
            Map.entry(-12, new Ending(TIMEOUT, "the job exceeded its CPU time limit (JOB_EXEC_OVERLIMIT_CPUT)")));

    private record Ending(JobState state, String reason) {
    }

    /** The reason of an ending PBS gives no exit status for; {@link #settle} replaces it. */
    static final String NO_EXIT_STATUS = "PBS reports the job ended but gives no exit status";
    /** qstat/qdel exit codes that only mean "no such job (any more)": PBSE_UNKJOBID and PBS Pro's PBSE_HISTJOBID, cut to 8 bits. */
    private static final Set<Integer> GONE_EXIT_CODES = Set.of(153, 35);
    /** Words of qstat and qdel about jobs that have ended or been forgotten: nothing is wrong. */
    private static final List<String> GONE = List.of(
            "Unknown Job Id",
            "Job has finished",
            "Invalid state for job",
            "Request invalid for state of job");
    /** Words in a failed command's output that mean "the server did not answer", not "no". */
    private static final List<String> TRANSIENT = List.of(
            "cannot connect to server",
            "Cannot connect to",
            "Connection refused",
            "Connection timed out",
            "Premature end of message",
            "End of File",
            "Communication failure",
            "pbs_iff",
            "Socket timed out",
            "Unable to contact slurm controller",
            "temporarily unavailable");
    private static final DateTimeFormatter PBS_TIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    private final ZoneId zone;
    private final QstatFormat format;

    /** {@code qstat -f}, which Torque, PBS Pro and Slurm's PBS commands all speak, in this machine's zone. */
    public TorqueDialect() {
        this(ZoneId.systemDefault(), QstatFormat.FULL);
    }

    /** @param zone the server's time zone: qstat -f prints times without one */
    public TorqueDialect(ZoneId zone, QstatFormat format) {
        this.zone = zone;
        this.format = format;
    }

    @Override
    public String name() {
        return "torque";
    }

    @Override
    public io.muster.scheduler.ExtraArguments extraArguments() {
        return TorqueExtra.ARGUMENTS;
    }

    @Override
    public String submitProgram() {
        return "qsub";
    }

    /** The allow-list of {@code extra}, and an array whose indices written out are too long for {@code -t}. */
    @Override
    public List<io.muster.api.Violation> check(JobOptions options) {
        List<io.muster.api.Violation> out = new ArrayList<>(GridDialect.super.check(options));
        if (options.array() != null) {
            try {
                TorqueOptions.arrayRequest(options.array());
            } catch (IllegalArgumentException e) {
                out.add(io.muster.api.Violation.of("array", options.array(), e.getMessage()));
            }
        }
        return out;
    }

    /** The PBS server's own status: only a real Torque/PBS server answers (Slurm's qstat has no {@code -B}). */
    @Override
    public List<String> pingCommand() {
        return List.of("qstat", "-B");
    }

    @Override
    public List<String> directives(JobSubmission job) {
        List<String> args = new ArrayList<>();
        args.add("-N " + pbsName(job.name(), job.id()));
        args.addAll(qsubOptions(job.options()));
        return args.stream().map(a -> "#PBS " + a).toList();
    }

    /**
     * A name PBS takes, {@value #NAME_LIMIT} characters at most with a letter first, that tells
     * Muster's jobs apart: the job's name cut to 9, a dash, and the 5-character random tail of its
     * Muster id ({@code align-1ik5b} for job {@code mx4u2lwu-1ik5b}). PBS keeps no tag Muster could
     * search for a job whose qsub answer was lost, only the name: without the tail, every job of
     * a burst named after its command's first word looks alike. Muster keeps the full name.
     */
    static String pbsName(String name, io.muster.api.JobId id) {
        String n = name == null || name.isBlank() ? "muster" : name.strip();
        char first = n.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            n = "j" + n;
        }
        int room = NAME_LIMIT - TAG_LENGTH;
        String value = id.value();
        return (n.length() > room ? n.substring(0, room) : n) + value.substring(value.length() - TAG_LENGTH);
    }

    /**
     * The resource options as qsub arguments, one directive each, from the option catalogue.
     * No {@code -d}: the wrapper changes to the run path itself, and Slurm's PBS layer refuses
     * {@code #PBS -d}.
     */
    static List<String> qsubOptions(JobOptions options) {
        List<String> out = new ArrayList<>();
        List<String> rendered = TorqueOptions.COLUMN.arguments(options);
        if (rendered.stream().noneMatch(a -> a.startsWith("-l nodes="))) {
            // always ask for nodes and cores explicitly rather than take the site's default
            out.add("-l nodes=" + options.nodes() + ":ppn=" + options.cores());
        }
        out.addAll(rendered);
        return out;
    }

    /** Where PBS writes its own words about a job (the command's output goes to the job's files). */
    public static Path schedulerOut(Path jobDir) {
        return jobDir.resolve("pbs.out");
    }

    public static Path schedulerErr(Path jobDir) {
        return jobDir.resolve("pbs.err");
    }

    /**
     * {@code qsub -o … -e … [-W depend=afterok:A:B] wrapper}. The scheduler's own output paths go
     * on the command line: Slurm's qsub puts its defaults there, which would override {@code #PBS -o}.
     */
    @Override
    public List<String> submitCommand(JobSubmission job, Path wrapper) {
        Path dir = job.files().dir();
        List<String> command = new ArrayList<>(List.of("qsub",
                "-o", schedulerOut(dir).toString(),
                "-e", schedulerErr(dir).toString()));
        String array = job.options().array();
        if (array != null) {
            // on the command line too: Slurm's qsub reads no #PBS -t
            command.add("-t");
            command.add(TorqueOptions.arrayRequest(array));
        }
        if (!job.dependencies().isEmpty()) {
            command.add("-W");
            command.add("depend=" + (job.afterAny() ? "afterany:" : "afterok:") + String.join(":", job.dependencies()));
        }
        command.add(wrapper.toString());
        return command;
    }

    /** Torque's PBS_ARRAYID, PBS Pro's PBS_ARRAY_INDEX, Slurm's own under its PBS commands. */
    @Override
    public String arrayTaskIndex() {
        return "${PBS_ARRAYID:-${PBS_ARRAY_INDEX:-$SLURM_ARRAY_TASK_ID}}";
    }

    /** qsub prints the id alone: {@code 12345.server}, {@code 12345[].server} for an array, {@code 87} from Slurm's qsub. */
    @Override
    public String parseSubmitted(String stdout) {
        List<String> lines = stdout.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String id = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        try {
            PbsId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a job id, qsub printed '" + stdout.strip() + "'");
        }
        return id;
    }

    /**
     * {@code qstat -f}: every job the server holds. PBS keeps nothing of Muster's but the job's
     * name (Slurm's PBS commands show no output path nor variables), so a job whose id a crash
     * lost is searched for by name, owner and submit time ({@link #parseNamesakes}).
     */
    @Override
    public Optional<List<String>> submittedLookupCommand(String user) {
        return Optional.of(queueCommand(user));
    }

    @Override
    public boolean tagsJobs() {
        return false;
    }

    /** {@code user}'s jobs named as {@code job} is, queued at {@code notBefore}'s second or later, in id order; no array tasks. */
    @Override
    public List<String> parseNamesakes(String stdout, JobSubmission job, String user, Instant notBefore) {
        String name = pbsName(job.name(), job.id());
        Instant since = notBefore.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return QstatJob.parse(stdout).stream()
                .filter(j -> name.equals(strip(j.get("Job_Name"))))
                .filter(j -> user == null || user.equals(owner(j)))
                .filter(j -> PbsId.parse(j.id()).index() == null)
                .filter(j -> {
                    Instant queued = time(j, "qtime", "ctime");
                    return queued != null && !queued.isBefore(since);
                })
                .sorted(java.util.Comparator.comparing((QstatJob j) -> Long.parseLong(PbsId.parse(j.id()).job())))
                .map(QstatJob::id)
                .toList();
    }

    @Override
    public boolean lookupAnswered(CommandResult result) {
        return statusAnswered(result);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String owner(QstatJob job) {
        String owner = job.get("Job_Owner");
        return owner == null ? null : owner.strip().replaceFirst("@.*", "");
    }

    /** {@code qstat -f ID…} (or {@code -x}): the jobs by id, since Torque's -u does not go with a full listing. */
    @Override
    public List<String> statusCommand(String user, Collection<String> ids) {
        List<String> command = new ArrayList<>(List.of("qstat", format == QstatFormat.XML ? "-x" : "-f"));
        command.addAll(ids);
        return command;
    }

    /** qstat exits 153 (35 on PBS Pro for a finished job) if any id is unknown, yet prints the others. */
    @Override
    public boolean statusAnswered(CommandResult result) {
        return GONE_EXIT_CODES.contains(result.exitCode()) && onlyGone(result.stderr());
    }

    @Override
    public Map<String, SchedulerStatus> parseStatus(String stdout, Collection<String> ids) {
        Map<PbsId, SchedulerStatus> rows = new LinkedHashMap<>();
        for (QstatJob job : QstatJob.parse(stdout)) {
            rows.put(PbsId.parse(job.id()), status(job).placed(placement(job)));
        }
        Map<String, SchedulerStatus> out = new LinkedHashMap<>();
        for (String id : ids) {
            PbsId wanted = PbsId.parse(id);
            SchedulerStatus own = rows.get(wanted);
            if (own != null) {
                out.put(id, own);
            } else if (wanted.isWholeArray()) {
                List<SchedulerStatus> tasks = rows.entrySet().stream()
                        .filter(e -> wanted.hasTask(e.getKey())).map(Map.Entry::getValue).toList();
                if (!tasks.isEmpty()) {
                    out.put(id, ArrayStates.aggregate(tasks));
                }
            }
        }
        return out;
    }

    /** {@code qstat -f}: every job the server holds; {@link #parseQueue} keeps the user's. */
    @Override
    public List<String> queueCommand(String user) {
        return List.of("qstat", format == QstatFormat.XML ? "-x" : "-f");
    }

    /** The jobs whose Job_Owner is {@code user} (user@host), with their name, state and place. */
    @Override
    public List<SchedulerJob> parseQueue(String stdout, String user) {
        List<SchedulerJob> jobs = new ArrayList<>();
        for (QstatJob job : QstatJob.parse(stdout)) {
            String owner = job.get("Job_Owner");
            String who = owner == null ? null : owner.strip().replaceFirst("@.*", "");
            if (user != null && who != null && !who.equals(user)) {
                continue;
            }
            jobs.add(new SchedulerJob(job.id(), null, job.get("Job_Name"), who, status(job).placed(placement(job))));
        }
        return jobs;
    }

    /** Torque keeps no accounting a command can ask: finished jobs are known from qstat or the wrapper's files. */
    @Override
    public Optional<List<String>> accountingCommand(Collection<String> ids) {
        return Optional.empty();
    }

    @Override
    public Map<String, SchedulerStatus> parseAccounting(String stdout, Collection<String> ids) {
        return Map.of();
    }

    @Override
    public List<List<String>> cancelCommands(Collection<String> ids) {
        return GridDialect.batched("qdel", List.copyOf(ids), CANCEL_BATCH);
    }

    /** Torque and PBS Pro name the ended jobs; Slurm's qdel counts them in its exit code and says nothing. */
    @Override
    public boolean cancelledAlready(CommandResult result) {
        return onlyGone(result.output());
    }

    @Override
    public boolean isTransient(CommandResult result) {
        return GridDialect.mentionsAny(result, TRANSIENT);
    }

    private static boolean onlyGone(String output) {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty())
                .allMatch(l -> GONE.stream().anyMatch(l::contains));
    }

    /**
     * How a job that PBS calls ended really ended. The wrapper's exit code comes first and decides
     * between COMPLETED and FAILED for an ordinary exit; a job Muster cancelled that did not
     * complete is CANCELLED. Where PBS gives no exit status (Slurm's PBS commands, a job deleted
     * while queued) and the wrapper recorded none, the job was ended from outside: before it
     * started, a job with dependencies lost one of them; after its whole walltime, its time limit;
     * otherwise a limit, a node or someone's qdel.
     */
    @Override
    public SchedulerStatus settle(SchedulerStatus ended, JobTrace trace) {
        Integer code = trace.exitCode() != null ? trace.exitCode() : ended.exitCode();
        boolean unexplained = NO_EXIT_STATUS.equals(ended.reason()) && ended.exitCode() == null;
        boolean plainExit = ended.state() == COMPLETED || ended.state() == FAILED;
        JobState state = ended.state();
        String reason = ended.reason();
        if (unexplained && trace.tasksPending() && !trace.cancelRequested() && !trace.ranPastWalltime()) {
            // Slurm's PBS commands show one task for the array: the others still run
            return new SchedulerStatus(RUNNING, null, "array tasks still running", ended.started(), null,
                    ended.placement());
        }
        if (trace.cancelRequested() && plainExit && (code == null || code != 0)) {
            state = CANCELLED;
            reason = "cancelled";
        } else if (unexplained && code != null && code > 128 && trace.ranPastWalltime()) {
            // the wrapper outlived its command by a moment and recorded the signal's 128+N
            state = TIMEOUT;
            reason = "killed by signal " + (code - 128) + " at its walltime";
        } else if (code != null && (plainExit || unexplained)) {
            state = code == 0 ? COMPLETED : FAILED;
            reason = unexplained ? null : reason;
        } else if (unexplained && !trace.started()) {
            state = trace.hadDependencies() ? DEPENDENCY_FAILED : FAILED;
            reason = trace.hadDependencies()
                    ? "PBS ended the job before it started: a job it depends on did not succeed"
                    : "PBS ended the job before it started (deleted while queued, or it could not start)";
        } else if (unexplained && trace.ranPastWalltime()) {
            state = TIMEOUT;
            reason = "the job ran for its whole walltime and recorded no exit code: killed at its time limit";
        } else if (unexplained) {
            reason = "the job ended without recording an exit code: killed by a time limit, a node failure or a qdel"
                    + " outside Muster";
        }
        return new SchedulerStatus(state, code, reason, ended.started(), ended.ended());
    }

    /** Muster's status of one job of qstat's output. */
    SchedulerStatus status(QstatJob job) {
        String code = job.get("job_state");
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("qstat shows job " + job.id() + " without a job_state");
        }
        code = code.strip();
        JobState state = STATES.get(code);
        if (state == null) {
            return new SchedulerStatus(JobState.UNKNOWN, null, "unknown PBS job state '" + code + "'", null, null);
        }
        Instant started = state == QUEUED || state == HELD ? null : time(job, "start_time", "stime");
        if (state == COMPLETED) {
            return ending(job, started);
        }
        // where it runs is its placement (queue's NODELIST), not a reason: a reason stays on the job once it
        // ended, and "on vm" explains no end
        String reason = job.get("comment");
        return new SchedulerStatus(state, null, reason == null || reason.isBlank() ? null : reason, started, null);
    }

    /** Where qstat says the job is: its queue, exec_host's hosts, Resource_List's node count and CPUs. */
    static Placement placement(QstatJob job) {
        String hosts = job.get("exec_host");
        String nodes = hosts == null || hosts.isBlank() || "--".equals(hosts.strip()) ? null : hostsOf(hosts);
        Placement p = new Placement(job.get("queue"), nodes, number(job.get("Resource_List.nodect")),
                number(job.get("Resource_List.ncpus")));
        return p.isEmpty() ? null : p;
    }

    private static Integer number(String text) {
        return text != null && text.strip().matches("\\d+") ? Integer.valueOf(text.strip()) : null;
    }

    /** The hosts of exec_host, or the text itself if it has a form not known here: it only informs the user. */
    private static String hostsOf(String execHost) {
        try {
            return String.join(", ", ExecHost.parse(execHost).hosts());
        } catch (IllegalArgumentException e) {
            return execHost.strip();
        }
    }

    /**
     * An ended job by its exit status: 0 completed; 1-255 the command's own failure; 256+N killed
     * by signal N (reported as 128+N, as a shell does); Torque's negative values are PBS's own
     * reasons. PBS Pro spells it Exit_status and numbers its negative values otherwise: those read
     * as a plain failure.
     */
    private SchedulerStatus ending(QstatJob job, Instant started) {
        Instant ended = time(job, "comp_time", "obittime");
        String raw = job.get("exit_status");
        if (raw == null || raw.isBlank()) {
            return new SchedulerStatus(FAILED, null, NO_EXIT_STATUS, started, ended);
        }
        int status;
        try {
            status = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job " + job.id() + ": exit_status is not a number: '" + raw + "'");
        }
        if (status == 0) {
            return new SchedulerStatus(COMPLETED, 0, null, started, ended);
        }
        if (status > 256) {
            int signal = status - 256;
            return new SchedulerStatus(FAILED, 128 + signal, "killed by signal " + signal, started, ended);
        }
        if (status > 0) {
            return new SchedulerStatus(FAILED, status, null, started, ended);
        }
        Ending known = job.attributes().containsKey("exit_status") ? TORQUE_EXEC_CODES.get(status) : null;
        if (known == null) {
            return new SchedulerStatus(FAILED, null, "PBS ended the job with exit_status " + status, started, ended);
        }
        return new SchedulerStatus(known.state(), null, known.reason() + ", exit_status " + status, started, ended);
    }

    /** qstat -f prints {@code Thu Nov 26 13:54:08 2026} in the server's zone, qstat -x seconds since the epoch. */
    private Instant time(QstatJob job, String... names) {
        String text = job.get(names);
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(t));
        }
        try {
            return LocalDateTime.parse(t, PBS_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("job " + job.id() + ": not a PBS time: '" + text + "'");
        }
    }
}
