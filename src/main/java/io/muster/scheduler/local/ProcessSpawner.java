package io.muster.scheduler.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts each wrapper from the JVM as {@code setsid bash wrapper}: the fallback where Perl is
 * missing. Slower per job than {@link PerlSpawner} (a JVM process start, plus an exec of
 * {@code setsid}), and a group is signalled by running {@code kill}.
 */
final class ProcessSpawner implements Spawner {

    private static final Logger LOG = Logger.getLogger(ProcessSpawner.class.getName());
    private static final File DEV_NULL = new File("/dev/null");

    private final Events events;

    ProcessSpawner(Events events) {
        this.events = events;
    }

    @Override
    public void start(String token, Path pidFile, Path dir, Path wrapper) {
        Process process;
        try {
            // a child of the JVM is never a group leader, so setsid execs bash in place: pid = session id
            process = new ProcessBuilder(List.of("setsid", "bash", wrapper.toString()))
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            events.failed(token, e.getMessage());
            return;
        }
        long pid = process.pid();
        try {
            Files.writeString(pidFile, pid + "\n");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write " + pidFile + "; a restarted server will not find pid " + pid, e);
        }
        events.started(token, pid);
        process.onExit().thenAccept(p -> {
            int code = p.exitValue();
            // the JVM reports a death by signal N as 128 + N
            if (code > 128 && code < 128 + 65) {
                events.exited(pid, null, code - 128);
            } else {
                events.exited(pid, code, null);
            }
        });
    }

    @Override
    public void signalGroup(long pgid, String signal) {
        if (pgid <= 1) {
            return;
        }
        try {
            new ProcessBuilder(List.of("kill", "-s", signal, "--", "-" + pgid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot send " + signal + " to process group " + pgid, e);
        }
    }

    @Override
    public void close() {
    }
}
