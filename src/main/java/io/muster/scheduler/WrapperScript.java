package io.muster.scheduler;

import static io.muster.api.ShellWords.quote;

import io.muster.job.ArrayIndices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The script every backend runs for a job. Scheduler directives (if any) come first, then the
 * job script runs in a subshell (so its {@code exit} ends only the subshell) with its output in
 * the job's files, then the exit code goes to the exit-code file: the first source of truth
 * for it, since schedulers forget finished jobs. Only builtins run besides the job itself, so the
 * wrapper costs no extra process.
 */
public final class WrapperScript {

    private WrapperScript() {
    }

    public static String render(JobSubmission job, List<String> directives) {
        return render(job, directives, null);
    }

    /**
     * @param taskIndex for an array job on a scheduler that runs each task as a job of its own,
     *                  the shell expression of the task's index ({@code $SLURM_ARRAY_TASK_ID});
     *                  null where the wrapper itself runs every task, one after the other (the
     *                  local pool). Each task gets {@code $MUSTER_ARRAY_INDEX} and files of its
     *                  own: {@code stdout.I}, {@code stderr.I}, {@code started.I}, {@code exitcode.I}.
     */
    public static String render(JobSubmission job, List<String> directives, String taskIndex) {
        var files = job.files();
        String runpath = job.options().runpath();
        Path dir = runpath == null ? files.dir() : files.dir().resolve(runpath);
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        for (String directive : directives) {
            s.append(directive).append('\n');
        }
        var array = job.options().array() == null ? null : ArrayIndices.parse(job.options().array());
        s.append("# Muster job ").append(job.id()).append(array == null
                ? ": runs job.sh, then records its exit code.\n"
                : ": runs job.sh once per array task, each with its own files and exit code.\n");
        String started = quote(files.started().toString());
        String exitCode = quote(files.exitCode().toString());
        if (array == null) {
            s.append("printf '%s\\n' \"$EPOCHREALTIME\" > ").append(started).append('\n');
            s.append("cd ").append(quote(dir.toString())).append(" || { printf '127\\n' > ").append(exitCode)
                    .append("; exit 127; }\n");
            s.append("( . ").append(quote(files.script().toString())).append(" ) > ")
                    .append(quote(files.stdout().toString())).append(" 2> ").append(quote(files.stderr().toString()))
                    .append(" < /dev/null\n");
            s.append("code=$?\n");
            s.append("printf '%d\\n' \"$code\" > ").append(exitCode).append('\n');
            s.append("exit \"$code\"\n");
            return s.toString();
        }
        // one task: its start, its output, its exit code, in files named after its index
        s.append("task() {\n");
        s.append("  export MUSTER_ARRAY_INDEX=\"$1\"\n");
        s.append("  [ -e ").append(started).append(" ] || printf '%s\\n' \"$EPOCHREALTIME\" > ").append(started).append('\n');
        s.append("  printf '%s\\n' \"$EPOCHREALTIME\" > ").append(started).append(".\"$1\"\n");
        s.append("  cd ").append(quote(dir.toString())).append(" || { printf '127\\n' > ").append(exitCode)
                .append(".\"$1\"; return 127; }\n");
        s.append("  ( . ").append(quote(files.script().toString())).append(" ) > ")
                .append(quote(files.stdout().toString())).append(".\"$1\" 2> ")
                .append(quote(files.stderr().toString())).append(".\"$1\" < /dev/null\n");
        s.append("  local code=$?\n");
        s.append("  printf '%d\\n' \"$code\" > ").append(exitCode).append(".\"$1\"\n");
        s.append("  return \"$code\"\n");
        s.append("}\n");
        if (taskIndex != null) {
            s.append("task \"").append(taskIndex).append("\"\n");
            s.append("exit $?\n");
            return s.toString();
        }
        // the local pool: every task in turn, in the job's reservation; the first failure is the job's code
        s.append("first=0\n");
        s.append("for i in");
        array.indices().forEach(i -> s.append(' ').append(i));
        s.append("; do\n");
        s.append("  task \"$i\"; code=$?\n");
        s.append("  [ \"$first\" -ne 0 ] || first=$code\n");
        s.append("done\n");
        s.append("printf '%d\\n' \"$first\" > ").append(exitCode).append('\n');
        s.append("exit \"$first\"\n");
        return s.toString();
    }

    public static Path write(JobSubmission job, List<String> directives) throws IOException {
        return write(job, directives, null);
    }

    /** Writes the wrapper; {@code taskIndex} as for {@link #render(JobSubmission, List, String)}. */
    public static Path write(JobSubmission job, List<String> directives, String taskIndex) throws IOException {
        Path wrapper = job.files().wrapper();
        Files.writeString(wrapper, render(job, directives, taskIndex));
        return wrapper;
    }
}
