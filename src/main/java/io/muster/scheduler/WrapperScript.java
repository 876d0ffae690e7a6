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
        // a job cancelled while its submit ran has no scheduler id to be cancelled by: should the
        // scheduler get it all the same (the submit outlived the server), it runs nothing
        s.append("[ ! -e ").append(quote(files.cancelled().toString())).append(" ] || { printf 'muster: cancelled")
                .append(" before it started; the command did not run\\n' >> ").append(quote(files.stderr().toString()))
                .append("; exit 0; }\n");
        String started = quote(files.started().toString());
        String exitCode = quote(files.exitCode().toString());
        if (array == null) {
            s.append("printf '%s\\n' \"$EPOCHREALTIME\" > ").append(started).append('\n');
            s.append("cd ").append(quote(dir.toString())).append(" 2>> ").append(quote(files.stderr().toString()))
                    .append(" || { ").append(cannotChange(files.stderr().toString(), "")).append("printf '127\\n' > ")
                    .append(exitCode).append("; exit 127; }\n");
            s.append("( . ").append(quote(files.script().toString())).append(" ) > ")
                    .append(quote(files.stdout().toString())).append(" 2> ").append(quote(files.stderr().toString()))
                    .append(" < /dev/null\n");
            s.append("code=$?\n");
            copies(s, job, "", null);
            s.append("printf '%d\\n' \"$code\" > ").append(exitCode).append('\n');
            s.append("exit \"$code\"\n");
            return s.toString();
        }
        // one task: its start, its output, its exit code, in files named after its index
        s.append("task() {\n");
        s.append("  export MUSTER_ARRAY_INDEX=\"$1\"\n");
        s.append("  [ -e ").append(started).append(" ] || printf '%s\\n' \"$EPOCHREALTIME\" > ").append(started).append('\n');
        s.append("  printf '%s\\n' \"$EPOCHREALTIME\" > ").append(started).append(".\"$1\"\n");
        s.append("  cd ").append(quote(dir.toString())).append(" 2>> ").append(quote(files.stderr().toString()))
                .append(".\"$1\" || { ").append(cannotChange(files.stderr().toString(), ".\"$1\""))
                .append("printf '127\\n' > ").append(exitCode).append(".\"$1\"; return 127; }\n");
        s.append("  ( . ").append(quote(files.script().toString())).append(" ) > ")
                .append(quote(files.stdout().toString())).append(".\"$1\" 2> ")
                .append(quote(files.stderr().toString())).append(".\"$1\" < /dev/null\n");
        s.append("  local code=$?\n");
        copies(s, job, "  ", "\"$1\"");
        s.append("  printf '%d\\n' \"$code\" > ").append(exitCode).append(".\"$1\"\n");
        s.append("  return \"$code\"\n");
        s.append("}\n");
        if (taskIndex != null) {
            // a task without an index (the scheduler did not run the job as an array) ends the whole
            // job failed, rather than run once as task "" and leave the others pending for ever
            s.append("index=\"").append(taskIndex).append("\"\n");
            s.append("if [ -z \"$index\" ]; then\n");
            s.append("  echo 'muster: the scheduler ran this array job without a task index' >> ")
                    .append(quote(files.stderr().toString())).append('\n');
            s.append("  printf '127\\n' > ").append(exitCode).append("; exit 127\n");
            s.append("fi\n");
            s.append("task \"$index\"\n");
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

    /**
     * The job's (or task's) stderr says why its command did not run: cd's own words (written there
     * too) and this line; before, they went to the scheduler's log only and the job ended 127 unexplained.
     */
    private static String cannotChange(String stderr, String suffix) {
        return "printf 'muster: cannot change to the runpath; the command did not run\\n' >> " + quote(stderr) + suffix
                + "; ";
    }

    /**
     * The lines that copy the job's stdout and stderr to {@code outfile} and {@code errfile}, once
     * the command ended and before its exit code is recorded (so a job seen ended has them): the
     * same on every backend. No scheduler is given these files: its own words stay in its log.
     *
     * @param index the shell word of an array task's index, or null for a job that is no array
     */
    private static void copies(StringBuilder s, JobSubmission job, String indent, String index) {
        var files = job.files();
        String suffix = index == null ? "" : ".\"$1\"";
        copy(s, indent, quote(files.stdout().toString()) + suffix, job.options().outfile(), job, index);
        copy(s, indent, quote(files.stderr().toString()) + suffix, job.options().errfile(), job, index);
    }

    private static void copy(StringBuilder s, String indent, String from, String to, JobSubmission job, String index) {
        if (to == null) {
            return;
        }
        String target = target(to, job.id().value(), index);
        Path parentPath = Path.of(to.replace("%j", job.id().value())).getParent();
        String parent = parentPath == null ? null : parentPath.toString();
        s.append(indent);
        if (parent != null && !parent.contains("%")) {
            s.append("mkdir -p -- ").append(quote(parent)).append(" 2>/dev/null; ");
        }
        s.append("cp -- ").append(from).append(' ').append(target).append(" 2>/dev/null || printf 'muster: cannot copy")
                .append(" %s to %s\\n' ").append(from).append(' ').append(target).append(" >> ")
                .append(quote(job.files().stderr().toString())).append(index == null ? "" : ".\"$1\"").append('\n');
    }

    /**
     * {@code outfile}/{@code errfile} as a shell word: {@code %j} is the Muster job id, {@code %a}
     * the array task's index, {@code %%} a {@code %}; an array's file without {@code %a} gets
     * {@code .INDEX} appended, so tasks do not overwrite each other.
     */
    static String target(String option, String jobId, String index) {
        StringBuilder word = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean hasIndex = false;
        for (int i = 0; i < option.length(); i++) {
            char c = option.charAt(i);
            char next = i + 1 < option.length() ? option.charAt(i + 1) : 0;
            if (c == '%' && next == 'j') {
                literal.append(jobId);
                i++;
            } else if (c == '%' && next == '%') {
                literal.append('%');
                i++;
            } else if (c == '%' && next == 'a' && index != null) {
                if (literal.length() > 0) {
                    word.append(quote(literal.toString()));
                    literal.setLength(0);
                }
                word.append(index);
                hasIndex = true;
                i++;
            } else {
                literal.append(c);
            }
        }
        if (index != null && !hasIndex) {
            literal.append('.');
        }
        if (literal.length() > 0) {
            word.append(quote(literal.toString()));
        }
        if (index != null && !hasIndex) {
            word.append(index);
        }
        return word.toString();
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
