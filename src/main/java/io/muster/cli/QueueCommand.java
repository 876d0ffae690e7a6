package io.muster.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.muster.api.JobState;
import io.muster.client.JobInfo;
import io.muster.client.Muster;
import io.muster.client.QueueQuery;
import io.muster.client.SchedulerQueueJob;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code muster queue}: the jobs by state, user, partition, backend, name; or some jobs in full. */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = {"Show the queue: jobs not ended yet unless a view is chosen; every filter must hold.",
                "With job ids, show those jobs in full: options, scheduler id, history with times, paths.",
                "  muster queue --running -u ann", "  muster queue --failed --ids | xargs muster resubmit",
                "  muster queue --count --json"},
        footer = {"", ExitStatus.FOOTER})
class QueueCommand extends ClientCommand {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    static class View {
        @Option(names = "--running", description = "running, completing or suspended") boolean running;
        @Option(names = "--queued", description = "waiting: accepted, queued, held, requeued") boolean queued;
        @Option(names = "--done", description = "ended, well or badly") boolean done;
        @Option(names = "--completed", description = "ended well") boolean completed;
        @Option(names = "--failed", description = "ended badly: failed, cancelled, timeout, …") boolean failed;
        @Option(names = {"-a", "--all"}, description = "every job the server remembers") boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    View view;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "only this user's jobs") String user;
    @Option(names = {"-p", "--partition"}, paramLabel = "PARTITION", description = "only this partition") String partition;
    @Option(names = {"-b", "--backend"}, paramLabel = "BACKEND", description = "only this backend") String backend;
    @Option(names = {"-n", "--name"}, paramLabel = "PATTERN", description = "only names matching (* and ? wildcards)")
    String name;
    @Option(names = "--limit", paramLabel = "N", description = "only the N most recently submitted (1 or more)") Integer limit;

    /** A limit the server would refuse is a usage error here, before any server is asked. */
    @Override
    void beforeConnect() {
        if (limit != null && limit < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--limit must be a whole number of at least 1, was " + limit);
        }
        // a misspelt backend would match no job: an empty queue that looks like an answer
        if (backend != null && !io.muster.backends.Backends.names().contains(backend) && !backend.startsWith("local@")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--backend '" + backend
                    + "' is not a backend: use one of " + String.join(", ", io.muster.backends.Backends.names()));
        }
    }
    @Option(names = "--count", description = "print how many (per state with --json)") boolean count;
    @Option(names = "--ids", description = "print only the job ids, one a line") boolean ids;
    @Option(names = "--json", description = "print JSON for scripts") boolean json;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "jobs to show in full")
    List<String> jobIds;

    @Option(names = "--scheduler", paramLabel = "BACKEND", arity = "0..1", fallbackValue = "",
            description = "the user's whole queue on the cluster scheduler (slurm, torque; default: each the server"
                    + " runs), jobs not from Muster included; --all also the ones that ended")
    String scheduler;

    @Override
    int run(Muster muster) throws Exception {
        if (scheduler != null) {
            return schedulerQueue(muster);
        }
        if (jobIds != null && !jobIds.isEmpty()) {
            return details(muster);
        }
        QueueQuery query = query(muster);
        if (count) {
            if (json) {
                Map<String, Object> answer = new LinkedHashMap<>();
                Map<JobState, Integer> byState = query.counts();
                answer.put("total", byState.values().stream().mapToInt(Integer::intValue).sum());
                answer.put("byState", byState);
                out().println(JSON.writeValueAsString(answer));
            } else {
                out().println(query.count());
            }
            return ExitStatus.OK;
        }
        List<JobInfo> jobs = query.list();
        if (ids) {
            jobs.forEach(j -> out().println(j.jobId()));
        } else if (json) {
            out().println(JSON.writeValueAsString(jobs));
        } else {
            out().print(table(jobs, Instant.now()));
        }
        return ExitStatus.OK;
    }

    private int schedulerQueue(Muster muster) throws Exception {
        List<String> backends = scheduler.isBlank()
                ? muster.backends().stream().filter(b -> !b.equals("local")).toList() : List.of(scheduler);
        if (backends.isEmpty()) {
            err().println("muster: the server runs no cluster scheduler, only the local pool (muster queue shows its jobs)");
            return ExitStatus.USAGE;
        }
        boolean all = view != null && view.all;
        List<SchedulerQueueJob> jobs = new ArrayList<>();
        for (String backend : backends) {
            muster.schedulerQueue(backend).stream().filter(j -> all || !j.state().isFinal()).forEach(jobs::add);
        }
        if (ids) {
            jobs.forEach(j -> out().println(j.schedulerId()));
        } else if (json) {
            out().println(JSON.writeValueAsString(jobs));
        } else {
            out().print(schedulerTable(jobs));
        }
        return ExitStatus.OK;
    }

    /** fyrd's queue columns: the scheduler's id and Muster's, name, user, partition, state, nodes, CPUs, node list or reason. */
    static String schedulerTable(List<SchedulerQueueJob> jobs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"BACKEND", "ID", "MUSTER ID", "NAME", "USER", "PARTITION", "STATE", "NODES", "CPUS",
                "NODELIST(REASON)"});
        for (SchedulerQueueJob j : jobs) {
            String where = j.started() == null && !j.state().isFinal()
                    ? (j.reason() == null ? "-" : "(" + j.reason() + ")") : dash(j.nodes());
            rows.add(new String[] {j.backend(), j.schedulerId(), dash(j.jobId()), dash(j.name()), dash(j.user()),
                    dash(j.partition()), j.state().name(), number(j.nodeCount()), number(j.cpus()), where});
        }
        return columns(rows, jobs.isEmpty());
    }

    private QueueQuery query(Muster muster) {
        QueueQuery q = muster.queue();
        if (view != null) {
            if (view.running) {
                q.running();
            } else if (view.queued) {
                q.queued();
            } else if (view.done) {
                q.done();
            } else if (view.completed) {
                q.completed();
            } else if (view.failed) {
                q.failed();
            } else if (view.all) {
                q.all();
            }
        }
        q.user(user).partition(partition).backend(backend).name(name);
        if (limit != null) {
            q.limit(limit);
        }
        return q;
    }

    private int details(Muster muster) throws Exception {
        List<JobInfo> found = new ArrayList<>();
        for (String id : jobIds) {
            found.add(muster.info(id));
        }
        if (json) {
            out().println(JSON.writeValueAsString(jobIds.size() == 1 ? found.get(0) : found));
        } else {
            found.forEach(j -> out().print(detail(j)));
        }
        return ExitStatus.OK;
    }

    /** One line a job, columns as wide as their widest value. */
    static String table(List<JobInfo> jobs, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "USER", "BACKEND", "PARTITION", "STATE", "NODES", "CPUS", "EXIT",
                "SUBMITTED", "ELAPSED", "NODELIST(REASON)"});
        for (JobInfo j : jobs) {
            rows.add(new String[] {j.jobId(), dash(j.name()), dash(j.user()), dash(j.backend()), dash(j.partition()),
                    j.state().name(), number(j.nodeCount()), number(j.cpus()),
                    j.exitCode() == null ? "-" : j.exitCode().toString(), when(j.submitted(), now),
                    j.started() == null ? "-" : elapsed(Duration.between(j.started(), j.ended() == null ? now : j.ended())),
                    nodelistOrReason(j)});
        }
        return columns(rows, jobs.isEmpty());
    }

    private static String columns(List<String[]> rows, boolean none) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                s.append(i == row.length - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
            }
            s.append('\n');
        }
        if (none) {
            s.append("(no jobs)\n");
        }
        return s.toString();
    }

    static String detail(JobInfo j) {
        StringBuilder s = new StringBuilder();
        s.append("job ").append(j.jobId()).append('\n');
        line(s, "name", j.name());
        line(s, "user", j.user());
        line(s, "command", j.command());
        line(s, "state", j.state() + (j.reason() == null ? "" : " (" + j.reason() + ")"));
        line(s, "exit code", j.exitCode() == null ? null : j.exitCode().toString());
        line(s, "backend", j.backend());
        line(s, "scheduler id", j.schedulerId());
        line(s, "partition", j.partition());
        line(s, "nodes", j.nodes() == null ? null : j.nodes() + (j.nodeCount() == null ? "" : " (" + j.nodeCount()
                + (j.nodeCount() == 1 ? " node)" : " nodes)")));
        line(s, "cpus", j.cpus() == null ? null : j.cpus().toString());
        line(s, "profile", j.profile());
        line(s, "options", j.options().isEmpty() ? null : j.options().toString());
        line(s, "submitted", j.submitted() == null ? null : j.submitted().toString());
        line(s, "started", j.started() == null ? null : j.started().toString());
        line(s, "ended", j.ended() == null ? null : j.ended().toString());
        line(s, "directory", j.workDir());
        line(s, "stdout", j.stdout());
        line(s, "stderr", j.stderr());
        line(s, "resubmitted from", j.resubmittedFrom());
        line(s, "resubmitted as", j.resubmissions().isEmpty() ? null : String.join(", ", j.resubmissions()));
        if (!j.tasks().isEmpty()) {
            s.append("  tasks:\n");
            for (JobInfo.Task t : j.tasks()) {
                s.append(String.format("    %-6s %-10s %s%n", t.index(), t.state(),
                        t.exitCode() == null ? "" : "exit code " + t.exitCode()));
            }
        }
        s.append("  history:\n");
        for (JobInfo.Change c : j.history()) {
            s.append(String.format("    %-24s %-18s %s%n", c.at(), c.state(), c.reason() == null ? "" : c.reason()));
        }
        return s.toString();
    }

    /** As squeue's NODELIST(REASON): where it runs, or why it waits. */
    static String nodelistOrReason(JobInfo j) {
        if (j.state().isActive() && j.started() == null) {
            return j.reason() == null ? "-" : "(" + j.reason() + ")";
        }
        return dash(j.nodes());
    }

    private static String number(Integer n) {
        return n == null ? "-" : n.toString();
    }

    private static void line(StringBuilder s, String label, String value) {
        if (value != null) {
            s.append(String.format("  %-17s %s%n", label + ":", value));
        }
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    /** Today's times as HH:mm:ss, older ones with their date. */
    static String when(Instant t, Instant now) {
        if (t == null) {
            return "-";
        }
        ZoneId zone = ZoneId.systemDefault();
        boolean today = LocalDate.ofInstant(t, zone).equals(LocalDate.ofInstant(now, zone));
        return DateTimeFormatter.ofPattern(today ? "HH:mm:ss" : "yyyy-MM-dd HH:mm").withZone(zone).format(t);
    }

    static String elapsed(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 86400 ? String.format("%d-%02d:%02d:%02d", s / 86400, (s % 86400) / 3600, (s % 3600) / 60, s % 60)
                : String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }
}
