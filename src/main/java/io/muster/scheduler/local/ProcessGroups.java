package io.muster.scheduler.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether anything of a job's process group still runs. A job's wrapper is the leader of its
 * group, but the wrapper can be gone while the job's commands are not (they ignored TERM, or the
 * wrapper alone was killed): the pool asks the group, not the wrapper, before it frees the slot.
 */
final class ProcessGroups {

    private static final Path PROC = Path.of("/proc");

    private ProcessGroups() {
    }

    /** True if a process of group {@code pgid} is alive (zombies, already dead, do not count). */
    static boolean alive(long pgid) {
        if (pgid <= 1) {
            return false;
        }
        return Files.isDirectory(PROC) ? inProc(pgid) : byKill(pgid);
    }

    /** Linux: each {@code /proc/PID/stat} names its process group, the fifth field. */
    private static boolean inProc(long pgid) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                if (inGroup(entry.resolve("stat"), pgid)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return byKill(pgid);
        }
    }

    private static boolean inGroup(Path stat, long pgid) {
        String text;
        try {
            text = Files.readString(stat);
        } catch (IOException | RuntimeException gone) {
            return false; // the process ended while the table was read
        }
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return false;
        }
        String[] fields = text.substring(close + 2).split(" ", 4);
        if (fields.length < 3) {
            return false;
        }
        String state = fields[0];
        return !state.equals("Z") && !state.equals("X") && fields[2].equals(Long.toString(pgid));
    }

    /** Elsewhere: {@code kill -0 -PGID} succeeds while the group has a process. */
    private static boolean byKill(long pgid) {
        try {
            Process p = new ProcessBuilder(List.of("kill", "-0", "--", "-" + pgid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
