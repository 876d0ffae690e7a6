package io.muster.scheduler.local;

import io.muster.job.JobFiles;
import io.muster.job.JobState;
import io.muster.options.JobOptions;
import io.muster.options.Violation;
import io.muster.scheduler.ExitCodes;
import io.muster.scheduler.JobSubmission;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.SchedulerException;
import io.muster.scheduler.SchedulerStatus;
import io.muster.scheduler.StatusListener;
import io.muster.scheduler.WrapperScript;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local core pool: a scheduler for one machine. Jobs wait in arrival order until the cores
 * they ask for are free; never more cores are busy than the pool has. Each job runs as
 * {@code setsid bash wrapper.sh}, in a session of its own, so a cancel can end the whole
 * process group and a server restart does not take the job with it.
 */
public class LocalScheduler implements Scheduler {

    private static final Logger LOG = Logger.getLogger(LocalScheduler.class.getName());

    private final int cores;
    private final long memoryMb;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Map<String, Running> running = new HashMap<>();
    private final Map<String, SchedulerStatus> finished = new LinkedHashMap<>();
    private final java.util.Set<String> cancelling = new java.util.HashSet<>();
    private int busyCores;
    private volatile StatusListener listener = (id, status) -> { };

    public LocalScheduler(int cores, long memoryMb) {
        this.cores = cores;
        this.memoryMb = memoryMb;
    }

    private record Pending(JobSubmission job, int cores) {
    }

    private record Running(JobSubmission job, int cores, Process process, Instant started) {
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<Violation> check(JobOptions options) {
        List<Violation> out = new ArrayList<>();
        if (options.cores() > cores) {
            out.add(new Violation("cores", String.valueOf(options.cores()),
                    "cores " + options.cores() + " is more than the local pool has (" + cores + ")"));
        }
        Long mem = options.memMb();
        if (mem != null && mem > memoryMb) {
            out.add(new Violation("mem", String.valueOf(mem),
                    "mem " + mem + " MB is more than the local pool has (" + memoryMb + " MB)"));
        }
        return out;
    }

    @Override
    public String submit(JobSubmission job) throws SchedulerException {
        List<Violation> violations = check(job.options());
        if (!violations.isEmpty()) {
            throw new SchedulerException(violations.get(0).message());
        }
        try {
            WrapperScript.write(job, List.of());
        } catch (IOException e) {
            throw new SchedulerException("cannot write the wrapper of job " + job.id() + ": " + e.getMessage());
        }
        String id = job.id().value();
        synchronized (this) {
            queue.add(new Pending(job, job.options().cores()));
        }
        listener.onStatus(id, SchedulerStatus.of(JobState.QUEUED));
        dispatch();
        return id;
    }

    /** Starts waiting jobs, in order, while the first one fits. */
    private void dispatch() {
        List<Running> started = new ArrayList<>();
        synchronized (this) {
            while (!queue.isEmpty() && queue.peek().cores() <= cores - busyCores) {
                Pending next = queue.poll();
                busyCores += next.cores();
                try {
                    Running run = start(next);
                    running.put(next.job().id().value(), run);
                    started.add(run);
                } catch (IOException e) {
                    busyCores -= next.cores();
                    finish(next.job().id().value(), new SchedulerStatus(JobState.FAILED, null,
                            "cannot start: " + e.getMessage(), null, Instant.now()));
                }
            }
        }
        for (Running run : started) {
            listener.onStatus(run.job().id().value(),
                    new SchedulerStatus(JobState.RUNNING, null, null, run.started(), null));
            run.process().onExit().thenRun(() -> ended(run));
        }
    }

    private Running start(Pending next) throws IOException {
        JobFiles files = next.job().files();
        ProcessBuilder pb = new ProcessBuilder(List.of("setsid", "bash", files.wrapper().toString()))
                .directory(files.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        Files.writeString(files.pid(), process.pid() + "\n");
        return new Running(next.job(), next.cores(), process, Instant.now());
    }

    private void ended(Running run) {
        String id = run.job().id().value();
        Integer code = ExitCodes.read(run.job().files()).orElse(null);
        SchedulerStatus status;
        boolean cancelled;
        synchronized (this) {
            cancelled = cancelling.remove(id);
        }
        if (cancelled) {
            status = new SchedulerStatus(JobState.CANCELLED, code, "cancelled", run.started(), Instant.now());
        } else if (code == null) {
            status = new SchedulerStatus(JobState.FAILED, run.process().exitValue(),
                    "the wrapper ended without recording an exit code", run.started(), Instant.now());
        } else {
            status = new SchedulerStatus(code == 0 ? JobState.COMPLETED : JobState.FAILED, code, null,
                    run.started(), Instant.now());
        }
        synchronized (this) {
            running.remove(id);
            busyCores -= run.cores();
            finish(id, status);
        }
        listener.onStatus(id, status);
        dispatch();
    }

    private void finish(String id, SchedulerStatus status) {
        finished.put(id, status);
    }

    @Override
    public synchronized Map<String, SchedulerStatus> status(Collection<String> ids) {
        Map<String, SchedulerStatus> out = new LinkedHashMap<>();
        for (String id : ids) {
            if (running.containsKey(id)) {
                out.put(id, new SchedulerStatus(JobState.RUNNING, null, null, running.get(id).started(), null));
            } else if (finished.containsKey(id)) {
                out.put(id, finished.get(id));
            } else if (queue.stream().anyMatch(p -> p.job().id().value().equals(id))) {
                out.put(id, SchedulerStatus.of(JobState.QUEUED));
            } else {
                out.put(id, SchedulerStatus.unknown("not known to the local pool"));
            }
        }
        return out;
    }

    @Override
    public void cancel(Collection<String> ids) {
        for (String id : ids) {
            Running run;
            boolean wasQueued;
            synchronized (this) {
                wasQueued = queue.removeIf(p -> p.job().id().value().equals(id));
                run = running.get(id);
                if (wasQueued) {
                    finish(id, new SchedulerStatus(JobState.CANCELLED, null, "cancelled while queued", null, Instant.now()));
                }
            }
            if (wasQueued) {
                listener.onStatus(id, finished.get(id));
            } else if (run != null) {
                synchronized (this) {
                    cancelling.add(id);
                }
                killGroup(run.process().pid());
            }
        }
    }

    private static void killGroup(long pgid) {
        try {
            new ProcessBuilder(List.of("kill", "-TERM", "--", "-" + pgid)).start().waitFor();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot signal process group " + pgid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized int busyCores() {
        return busyCores;
    }

    public int cores() {
        return cores;
    }

    @Override
    public boolean pushesUpdates() {
        return true;
    }

    @Override
    public void setListener(StatusListener listener) {
        this.listener = listener;
    }
}
