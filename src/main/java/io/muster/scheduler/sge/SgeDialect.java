package io.muster.scheduler.sge;

import static io.muster.api.JobState.CANCELLED;
import static io.muster.api.JobState.COMPLETED;
import static io.muster.api.JobState.COMPLETING;
import static io.muster.api.JobState.DEPENDENCY_FAILED;
import static io.muster.api.JobState.FAILED;
import static io.muster.api.JobState.HELD;
import static io.muster.api.JobState.OUT_OF_MEMORY;
import static io.muster.api.JobState.QUEUED;
import static io.muster.api.JobState.REQUEUED;
import static io.muster.api.JobState.RUNNING;
import static io.muster.api.JobState.SUSPENDED;
import static io.muster.api.JobState.TIMEOUT;

import io.muster.api.JobState;
import io.muster.api.ShellWords;
import io.muster.job.ArrayIndices;
import io.muster.job.Placement;
import io.muster.scheduler.ArrayStates;
import io.muster.scheduler.CommandResult;
import io.muster.scheduler.GridDialect;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.JobTrace;
import io.muster.scheduler.SchedulerJob;
import io.muster.scheduler.SchedulerStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grid Engine's dialect (Son of Grid Engine, Open Grid Scheduler, Altair/Univa Grid Engine):
 * {@code #$} directives, {@code qsub -terse}, ONE {@code qstat -xml -u USER} per poll for every
 * job of the user, {@code qacct -j} for the jobs that left qstat, {@code qdel} in batches. Pure:
 * it builds command lines and reads text, and runs nothing.
 *
 * <p><b>Dependencies.</b> Grid Engine's only dependency is {@code -hold_jid}: the dependant
 * waits until its dependencies have <em>ended</em>, however they ended. That is afterany, and
 * Muster uses it as is. afterok has no native form, so Muster builds it on {@code -hold_jid}:
 * every Grid Engine job's wrapper records its exit code under its Grid Engine id in
 * {@link #exitDir}, as it exits; an afterok dependant first reads the codes of its dependencies
 * there, and if one is not 0 (or missing: a job killed by {@code qdel} or at its {@code h_rt}
 * records none) it exits with {@link #DEPENDENCY_EXIT} before its command runs. Its own record
 * then says {@value #DEPENDENCY_EXIT} too, so its dependants skip as well, and {@link #settle}
 * reads a job that had dependencies, never started its command and exited
 * {@value #DEPENDENCY_EXIT} as DEPENDENCY_FAILED.
 */
public final class SgeDialect implements GridDialect {

    /** Which complex carries {@code mem}: the hard virtual-memory limit, or the free-memory request. */
    public enum MemoryResource {
        /** {@code -l h_vmem=}: a hard limit the execd enforces (per slot). */
        H_VMEM,
        /** {@code -l mem_free=}: a request the scheduler places by (per slot; a limit only if the site made it consumable). */
        MEM_FREE;

        public String complex() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code h_vmem} or {@code mem_free}, as a setting is written. */
        public static MemoryResource of(String text) {
            for (MemoryResource r : values()) {
                if (r.complex().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
            throw new IllegalArgumentException("must be h_vmem or mem_free, was '" + text + "'");
        }
    }

    /** The parallel environment {@code cores} asks for by default. */
    public static final String DEFAULT_PE = "smp";
    /** The exit code of an afterok dependant whose dependency did not succeed: its command never ran. */
    static final int DEPENDENCY_EXIT = 86;
    /** Ids per qdel: far below any command-line limit, still one call for most cancels. */
    static final int CANCEL_BATCH = 200;

    /**
     * qstat's state letters to Muster's: ONE line per code qstat shows. The letters combine
     * (h held, q queued, w waiting, r running, t transferring, R restarted, s/S/T suspended by the
     * user, the queue or a load threshold, E error, d deleted); the table names the combinations
     * Grid Engine prints, and any other is UNKNOWN with the code in the reason.
     */
    static final Map<String, JobState> STATES = Map.ofEntries(
            Map.entry("qw", QUEUED),      // queued, waiting for a slot
            Map.entry("hqw", HELD),       // held: by -hold_jid (a dependency), qhold, or -h at submit
            Map.entry("hRwq", HELD),      // held after a restart
            Map.entry("Rq", REQUEUED),    // rescheduled (qmod -rj, a failed node), waiting again
            Map.entry("t", RUNNING),      // dispatched: being transferred to its execution host, about to start
            Map.entry("r", RUNNING),      // running
            Map.entry("hr", RUNNING),     // running, with a hold put on it meanwhile (affects only a restart)
            Map.entry("Rr", RUNNING),     // running again after a restart
            Map.entry("Rt", RUNNING),     // restarted, being transferred
            Map.entry("s", SUSPENDED),    // suspended by qmod -sj
            Map.entry("ts", SUSPENDED),   // suspended while being transferred
            Map.entry("S", SUSPENDED),    // its queue is suspended
            Map.entry("tS", SUSPENDED),
            Map.entry("T", SUSPENDED),    // suspended because its queue passed a suspend threshold
            Map.entry("tT", SUSPENDED),
            Map.entry("Rs", SUSPENDED),
            Map.entry("RS", SUSPENDED),
            Map.entry("RT", SUSPENDED),
            Map.entry("Eqw", FAILED),     // error state: Grid Engine could not start it (bad -wd, missing shell); never runs unless cleared
            Map.entry("Ehqw", FAILED),    // the same, also held
            Map.entry("EhRqw", FAILED),   // the same, after a restart
            Map.entry("dr", COMPLETING),  // running, being deleted (qdel): ends shortly
            Map.entry("dt", COMPLETING),  // being transferred, being deleted
            Map.entry("dRr", COMPLETING),
            Map.entry("ds", COMPLETING),  // suspended, being deleted
            Map.entry("dS", COMPLETING),
            Map.entry("dT", COMPLETING),
            Map.entry("dqw", COMPLETING), // pending, being deleted
            Map.entry("dhqw", COMPLETING));

    /**
     * qacct's {@code failed} codes that decide a job's end by themselves; 0 and any other code
     * leave it to {@code exit_status} (0 and "assumedly after job", 100, mean the job itself
     * ended; other codes mean Grid Engine failed around it, and qacct's words are the reason).
     */
    static final Map<Integer, JobState> FAILED_CODES = Map.of(
            37, TIMEOUT,   // "qmaster enforced h_rt, h_cpu, or h_vmem limit": settle tells memory from time
            19, FAILED,    // "before writing exit_status": the shepherd died under the job
            25, REQUEUED); // "rescheduling": a new run follows

    private static final Pattern QACCT_LINE = Pattern.compile("^(\\S+)\\s+(.*?)\\s*$");
    private static final Pattern FAILED_FIELD = Pattern.compile("^(\\d+)\\s*(?::\\s*(.*))?$");
    private static final Pattern EXIT_FIELD = Pattern.compile("^(\\d+)\\b.*$");
    private static final Pattern DETAIL_LINE = Pattern.compile("^(\\w+):\\s+(.*?)\\s*$");
    private static final Pattern SUBMITTED = Pattern.compile("^(\\d+)(?:\\.\\S*)?$");
    /** qdel/qstat/qacct words that only mean "no such job (any more)". */
    private static final List<String> GONE = List.of("does not exist", "not found", "has already been deleted",
            "is already in deletion");
    /** Words in a failed command's output that mean "the qmaster did not answer", not "no". */
    private static final List<String> TRANSIENT = List.of(
            "unable to contact qmaster",
            "unable to send message to qmaster",
            "can't unpack",
            "commlib error",
            "got send timeout",
            "got select error",
            "Connection refused",
            "connection timed out",
            "failed receiving gdi request");
    /** Characters Grid Engine refuses in a job name. */
    private static final Pattern NAME_FORBIDDEN = Pattern.compile("[\\s/:@\\\\*?\"'$`]");

    private final SgeTimes times;
    private final String parallelEnvironment;
    private final MemoryResource memory;

    /** The defaults: the {@value #DEFAULT_PE} PE, {@code h_vmem}, this machine's time zone. */
    public SgeDialect() {
        this(ZoneId.systemDefault(), DEFAULT_PE, MemoryResource.H_VMEM);
    }

    /**
     * @param zone                the qmaster's time zone: qstat and qacct print times without one
     * @param parallelEnvironment the PE {@code cores} above 1 asks for ({@code -pe PE N})
     * @param memory              which complex {@code mem} sets
     */
    public SgeDialect(ZoneId zone, String parallelEnvironment, MemoryResource memory) {
        if (parallelEnvironment == null || !parallelEnvironment.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("the parallel environment must be a name (letters, digits, _ . -), was '"
                    + parallelEnvironment + "'");
        }
        this.times = new SgeTimes(zone);
        this.parallelEnvironment = parallelEnvironment;
        this.memory = memory;
    }

    @Override
    public String name() {
        return "sge";
    }

    @Override
    public io.muster.scheduler.ExtraArguments extraArguments() {
        return SgeExtra.ARGUMENTS;
    }

    @Override
    public String submitProgram() {
        return "qsub";
    }

    /** The allow-list of {@code extra}, and an array list that Grid Engine's one {@code -t} range cannot express. */
    @Override
    public List<io.muster.api.Violation> check(io.muster.options.JobOptions options) {
        List<io.muster.api.Violation> out = new ArrayList<>(GridDialect.super.check(options));
        for (String entry : options.depends() == null ? List.<String>of() : options.depends()) {
            String id = entry.substring(entry.indexOf(':') + 1);
            if (!io.muster.api.JobId.looksLikeJobId(id) && !id.matches("\\d+")) {
                out.add(io.muster.api.Violation.of("depends", entry, "is no Grid Engine job number: -hold_jid takes a"
                        + " job number (12), not an array task or a server's name (qsub answers that the job is not"
                        + " found); depend on the whole array"));
            }
        }
        if (options.begin() != null && !options.begin().contains("T")) {
            // qsub -a takes a date and time; without the date the job could start at once
            out.add(io.muster.api.Violation.of("begin", options.begin(), "is a time of day, and Grid Engine's qsub -a"
                    + " needs a date with it: give YYYY-MM-DDTHH:MM"));
        }
        if (options.array() != null) {
            try {
                SgeOptions.taskRange(options.array());
            } catch (IllegalArgumentException e) {
                out.add(io.muster.api.Violation.of("array", options.array(), e.getMessage()));
            }
        }
        return out;
    }

    /** The cluster queues: only a Grid Engine qmaster answers {@code qconf -sql}. */
    @Override
    public List<String> pingCommand() {
        return List.of("qconf", "-sql");
    }

    public String parallelEnvironment() {
        return parallelEnvironment;
    }

    public MemoryResource memoryResource() {
        return memory;
    }

    /** Where a job's wrapper records its exit code under its Grid Engine id: {@code <work root>/sge/exit}. */
    static Path exitDir(JobSubmission job) {
        Path jobs = job.files().dir().getParent();
        Path root = jobs == null || jobs.getParent() == null ? job.files().dir() : jobs.getParent();
        return root.resolve("sge").resolve("exit");
    }

    /** Where Grid Engine writes its own words about a job (the command's output goes to the job's files). */
    public static Path schedulerOut(Path jobDir) {
        return jobDir.resolve("sge.out");
    }

    public static Path schedulerErr(Path jobDir) {
        return jobDir.resolve("sge.err");
    }

    /**
     * The {@code #$} directives from the job's options ({@link SgeOptions}), Grid Engine's own
     * output files unless the options name them, the working directory, and then the shell lines
     * that record the exit code under the Grid Engine id and, for afterok, check the dependencies.
     */
    @Override
    public List<String> directives(JobSubmission job) {
        List<String> lines = new ArrayList<>();
        Path dir = job.files().dir();
        lines.add("#$ -N " + sgeName(job.name()));
        lines.add("#$ -S /bin/bash");
        lines.add("#$ -wd " + dir);
        lines.add("#$ -o " + schedulerOut(dir));
        lines.add("#$ -e " + schedulerErr(dir));
        SgeOptions.render(job.options(), parallelEnvironment, memory).arguments().forEach(a -> lines.add("#$ " + a));
        Path exits = exitDir(job);
        // as the wrapper exits, however (not after a KILL): the code under the Grid Engine id, for afterok dependants
        lines.add("muster_exits=" + ShellWords.quote(exits.toString()));
        lines.add("mkdir -p \"$muster_exits\" 2>/dev/null");
        if (job.options().array() == null) {
            // no record of an earlier job with this number (a cell whose numbers started again) may stand for this one
            lines.add("rm -f \"$muster_exits/$JOB_ID\" \"$muster_exits/$JOB_ID.tasks\" 2>/dev/null");
            lines.add("trap 'printf \"%d\\n\" \"$?\" > \"$muster_exits/$JOB_ID\"' EXIT");
        } else {
            // an array: each task its own code, and how many tasks there are, so that a dependant
            // counts every task's success rather than read whichever task ended last
            lines.add("printf '%d\\n' " + ArrayIndices.parse(job.options().array()).indices().size()
                    + " > \"$muster_exits/$JOB_ID.tasks\"");
            lines.add("trap 'printf \"%d\\n\" \"$?\" > \"$muster_exits/$JOB_ID.task.$SGE_TASK_ID\"' EXIT");
        }
        if (!job.dependencies().isEmpty() && !job.afterAny()) {
            lines.add("# afterok: -hold_jid waited for the end of " + String.join(", ", job.dependencies())
                    + "; run only if each of them recorded exit code 0 (an array: every task)");
            lines.add("muster_code() { # sets code: the dependency's recorded exit code; an array's first failed task's");
            lines.add("  local n f i=0");
            lines.add("  if read -r n 2>/dev/null < \"$muster_exits/$1.tasks\"; then");
            lines.add("    for f in \"$muster_exits/$1.task.\"*; do");
            lines.add("      read -r code 2>/dev/null < \"$f\" || code=none");
            lines.add("      if [ \"$code\" != 0 ]; then return; fi");
            lines.add("      i=$((i + 1))");
            lines.add("    done");
            lines.add("    if [ \"$i\" = \"$n\" ]; then code=0; else code=\"none for $((n - i)) of its $n tasks\"; fi");
            lines.add("  else");
            lines.add("    read -r code 2>/dev/null < \"$muster_exits/$1\" || code=none");
            lines.add("  fi");
            lines.add("}");
            lines.add("for dependency in " + String.join(" ", job.dependencies()) + "; do");
            lines.add("  muster_code \"$dependency\"");
            lines.add("  if [ \"$code\" != 0 ]; then echo \"muster: dependency $dependency ended with exit code $code;"
                    + " not running\" >&2; exit " + DEPENDENCY_EXIT + "; fi");
            lines.add("done");
        }
        return lines;
    }

    /** A name Grid Engine takes: its forbidden characters become '_', a digit first gets a 'j' before it. */
    static String sgeName(String name) {
        String n = name == null || name.isBlank() ? "muster" : NAME_FORBIDDEN.matcher(name.strip()).replaceAll("_");
        return Character.isDigit(n.charAt(0)) ? "j" + n : n;
    }

    /** {@code qsub -terse [-hold_jid A,B] wrapper}: prints the id alone ({@code 12}, {@code 12.1-10:1} for an array). */
    @Override
    public List<String> submitCommand(JobSubmission job, Path wrapper) {
        List<String> command = new ArrayList<>(List.of("qsub", "-terse"));
        if (!job.dependencies().isEmpty()) {
            command.add("-hold_jid");
            command.add(String.join(",", job.dependencies()));
        }
        command.add(wrapper.toString());
        return command;
    }

    /** The job number: {@code 12}, or {@code 12} of an array's {@code 12.1-10:1}. */
    @Override
    public String parseSubmitted(String stdout) {
        List<String> lines = stdout.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        Matcher m = SUBMITTED.matcher(last);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a job id, qsub -terse printed '" + stdout.strip() + "'");
        }
        return m.group(1);
    }

    /**
     * {@code qstat -j *}: every job's details, its working directory among them. Muster gives each
     * job its own directory ({@code -wd}), which is the tag a restarted server finds a job by
     * when the id of its hand-over was lost.
     */
    @Override
    public Optional<List<String>> submittedLookupCommand(String user) {
        return Optional.of(List.of("qstat", "-j", "*"));
    }

    /** The {@code job_number} of the block of {@code qstat -j} whose {@code cwd} is the job's directory. */
    @Override
    public Optional<String> parseSubmittedLookup(String stdout, JobSubmission job) {
        String dir = job.files().dir().toString();
        String number = null;
        for (String line : stdout.lines().toList()) {
            Matcher m = DETAIL_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("job_number")) {
                number = m.group(2);
            } else if (m.group(1).equals("cwd") && m.group(2).equals(dir) && number != null) {
                return Optional.of(number);
            }
        }
        return Optional.empty();
    }

    /** {@code qstat -j *} with no job at all exits 1: "Following jobs do not exist". */
    @Override
    public boolean lookupAnswered(CommandResult result) {
        return result.exitCode() == 1 && result.output().contains("Following jobs do not exist");
    }

    /** {@code qstat -xml -u USER}: every job of the user, pending, running, suspended or in error. */
    @Override
    public List<String> statusCommand(String user, Collection<String> ids) {
        return List.of("qstat", "-xml", "-u", user);
    }

    @Override
    public Map<String, SchedulerStatus> parseStatus(String stdout, Collection<String> ids) {
        Map<String, List<SgeQstat.Row>> byJob = new LinkedHashMap<>();
        for (SgeQstat.Row row : SgeQstat.parse(stdout)) {
            byJob.computeIfAbsent(row.jobNumber(), k -> new ArrayList<>()).add(row);
        }
        Map<String, SchedulerStatus> out = new LinkedHashMap<>();
        for (String id : ids) {
            List<SgeQstat.Row> rows = byJob.get(jobNumber(id));
            if (rows != null) {
                out.put(id, ArrayStates.aggregate(rows.stream().map(this::status).toList()));
            }
        }
        return out;
    }

    /** Grid Engine runs each task with {@code $SGE_TASK_ID} set. */
    @Override
    public String arrayTaskIndex() {
        return "$SGE_TASK_ID";
    }

    /** {@code qstat -xml -u USER}, the status command itself: it lists every job of the user. */
    @Override
    public List<String> queueCommand(String user) {
        return statusCommand(user, List.of());
    }

    /** Every job of the user in qstat's XML, an array's rows as one job, with the queue and host it runs on. */
    @Override
    public List<SchedulerJob> parseQueue(String stdout, String user) {
        Map<String, List<SgeQstat.Row>> byJob = new LinkedHashMap<>();
        for (SgeQstat.Row row : SgeQstat.parse(stdout)) {
            byJob.computeIfAbsent(row.jobNumber(), k -> new ArrayList<>()).add(row);
        }
        List<SchedulerJob> jobs = new ArrayList<>();
        for (List<SgeQstat.Row> rows : byJob.values()) {
            SgeQstat.Row first = rows.get(0);
            if (user != null && first.owner() != null && !first.owner().equals(user)) {
                continue;
            }
            SchedulerStatus status = ArrayStates.aggregate(rows.stream().map(this::status).toList());
            jobs.add(new SchedulerJob(first.jobNumber(), null, first.name(), first.owner(),
                    status.placement() != null ? status : status.placed(placement(first.queue(), first.slots()))));
        }
        return jobs;
    }

    /** {@code all.q@host}: the queue as the partition, the host as the node list, the slots as CPUs; null while pending. */
    private static Placement placement(String queue, Integer slots) {
        if (queue == null || queue.isBlank()) {
            return null;
        }
        int at = queue.indexOf('@');
        return at < 0 ? new Placement(queue, null, null, slots)
                : new Placement(queue.substring(0, at), queue.substring(at + 1), 1, slots);
    }

    /** Muster's status of one row of qstat: one job, or some tasks of an array. */
    SchedulerStatus status(SgeQstat.Row row) {
        JobState state = STATES.get(row.state());
        if (state == null) {
            return new SchedulerStatus(JobState.UNKNOWN, null, "unknown Grid Engine job state '" + row.state() + "'",
                    null, null);
        }
        Instant started = state == QUEUED || state == HELD || state == REQUEUED ? null : times.xml(row.startTime());
        String reason = switch (row.state()) {
            case "Eqw", "Ehqw", "EhRqw" -> "Grid Engine put the job in error state (" + row.state() + ") and will not"
                    + " run it: qstat -j " + row.jobNumber() + " says why (a working directory or shell it cannot use)";
            case "hqw", "hRwq" -> "held (a dependency that has not ended, or qhold)";
            // where it runs is its placement, not a reason: a reason stays on the job once it ended
            default -> null;
        };
        return new SchedulerStatus(state, null, reason, started, null).placed(placement(row.queue(), row.slots()));
    }

    /** An id Muster holds ({@code 12}, or a task {@code 12.3}) to its job number. */
    private static String jobNumber(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    /**
     * {@code qacct -j ID}. Grid Engine 8.1's qacct answers for one job per call ({@code -j 1,2}
     * and a second {@code -j} both give one job), so this is the first id; {@link #accountingCommands}
     * gives one for each.
     */
    @Override
    public Optional<List<String>> accountingCommand(Collection<String> ids) {
        return ids.isEmpty() ? Optional.empty() : Optional.of(List.of("qacct", "-j", jobNumber(ids.iterator().next())));
    }

    @Override
    public List<List<String>> accountingCommands(Collection<String> ids) {
        return ids.stream().map(SgeDialect::jobNumber).distinct().map(n -> List.of("qacct", "-j", n)).toList();
    }

    /** "error: job id 12 not found": accounting has no record of it (yet: qacct lags behind a job's end). */
    @Override
    public boolean accountingAnswered(CommandResult result) {
        return onlyGone(result.output());
    }

    @Override
    public Map<String, SchedulerStatus> parseAccounting(String stdout, Collection<String> ids) {
        Map<String, List<SchedulerStatus>> byJob = new LinkedHashMap<>();
        for (Map<String, String> record : qacctRecords(stdout)) {
            String number = record.get("jobnumber");
            if (number == null) {
                throw new IllegalArgumentException("a qacct record without jobnumber: " + record);
            }
            byJob.computeIfAbsent(number.strip(), k -> new ArrayList<>()).add(ending(record));
        }
        Map<String, SchedulerStatus> out = new LinkedHashMap<>();
        for (String id : ids) {
            List<SchedulerStatus> records = byJob.get(jobNumber(id));
            if (records != null) {
                out.put(id, ArrayStates.aggregate(records));
            }
        }
        return out;
    }

    /** The records of qacct's output: blocks of {@code name value} lines between {@code ====} lines. */
    static List<Map<String, String>> qacctRecords(String stdout) {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> current = null;
        int n = 0;
        for (String line : stdout.split("\n", -1)) {
            n++;
            if (line.startsWith("====")) {
                current = new LinkedHashMap<>();
                records.add(current);
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException("qacct line " + n + " comes before any record: '" + line + "'");
            }
            Matcher m = QACCT_LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("qacct line " + n + " is not 'name value': '" + line + "'");
            }
            current.put(m.group(1), m.group(2));
        }
        return records;
    }

    /**
     * An ended job from its accounting record: {@code failed} first (Grid Engine's own reasons),
     * then {@code exit_status} (0 completed; 1-127 the command's failure; 128+N killed by signal
     * N, as Grid Engine reports it).
     */
    SchedulerStatus ending(Map<String, String> record) {
        Instant started = times.qacct(record.get("start_time"));
        Instant ended = times.qacct(record.get("end_time"));
        String failedText = record.getOrDefault("failed", "0").strip();
        Matcher f = FAILED_FIELD.matcher(failedText);
        if (!f.matches()) {
            throw new IllegalArgumentException("job " + record.get("jobnumber") + ": failed is not 'N [: words]': '"
                    + failedText + "'");
        }
        int failed = Integer.parseInt(f.group(1));
        String failedWords = f.group(2) == null ? "" : f.group(2).strip();
        Integer exit = exitStatus(record);
        JobState decided = FAILED_CODES.get(failed);
        if (decided != null) {
            return new SchedulerStatus(decided, exit, "Grid Engine: " + failedWords + " (failed " + failed + ")",
                    started, ended);
        }
        if (failed != 0 && failed != 100) {
            return new SchedulerStatus(FAILED, exit, "Grid Engine failed the job: " + failedWords + " (failed " + failed
                    + ")", started, ended);
        }
        if (exit == null) {
            return new SchedulerStatus(FAILED, null, "qacct shows no exit_status", started, ended);
        }
        if (exit == 0) {
            return new SchedulerStatus(COMPLETED, 0, null, started, ended);
        }
        if (exit > 128) {
            return new SchedulerStatus(FAILED, exit, "killed by signal " + (exit - 128), started, ended);
        }
        return new SchedulerStatus(FAILED, exit, null, started, ended);
    }

    private static Integer exitStatus(Map<String, String> record) {
        String raw = record.get("exit_status");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Matcher m = EXIT_FIELD.matcher(raw.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("job " + record.get("jobnumber") + ": exit_status is not a number: '"
                    + raw + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The wrapper's exit code comes first. A job Muster cancelled that did not complete is
     * CANCELLED. An afterok dependant that exited {@value #DEPENDENCY_EXIT} before its command
     * started is DEPENDENCY_FAILED. A limit kill (failed 37) is TIMEOUT when the job ran for its
     * whole {@code time}, else OUT_OF_MEMORY (h_vmem).
     */
    @Override
    public SchedulerStatus settle(SchedulerStatus ended, JobTrace trace) {
        Integer code = trace.exitCode() != null ? trace.exitCode() : ended.exitCode();
        JobState state = ended.state();
        String reason = ended.reason();
        boolean plain = state == COMPLETED || state == FAILED;
        if (trace.hadDependencies() && !trace.started() && trace.exitCode() == null
                && Integer.valueOf(DEPENDENCY_EXIT).equals(ended.exitCode())) {
            return new SchedulerStatus(DEPENDENCY_FAILED, null,
                    "a job it depends on (afterok) did not succeed, so its command never ran", ended.started(),
                    ended.ended());
        }
        if (trace.cancelRequested() && (plain || state == TIMEOUT) && (code == null || code != 0)) {
            return new SchedulerStatus(CANCELLED, code, "cancelled", ended.started(), ended.ended());
        }
        if (state == TIMEOUT && !trace.ranPastWalltime() && trace.started()) {
            state = OUT_OF_MEMORY;
            reason = "killed at its memory limit (" + memory.complex() + "); " + reason;
        } else if (trace.exitCode() != null && plain) {
            state = code == 0 ? COMPLETED : FAILED;
        }
        return new SchedulerStatus(state, code, reason, ended.started(), ended.ended());
    }

    @Override
    public List<List<String>> cancelCommands(Collection<String> ids) {
        return GridDialect.batched("qdel", ids.stream().map(SgeDialect::jobNumber).distinct().toList(), CANCEL_BATCH);
    }

    /** qdel of ended jobs: "denied: job "12" does not exist". */
    @Override
    public boolean cancelledAlready(CommandResult result) {
        return onlyGone(result.output());
    }

    @Override
    public boolean isTransient(CommandResult result) {
        return GridDialect.mentionsAny(result, TRANSIENT);
    }

    private static boolean onlyGone(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return !lines.isEmpty() && lines.stream().allMatch(l -> GONE.stream().anyMatch(l::contains)
                || l.contains("has registered the job") || l.contains("has deleted job"));
    }
}
