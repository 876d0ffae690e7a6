package io.muster.scheduler;

import static io.muster.scheduler.ShellQuote.quote;

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
        var files = job.files();
        String runpath = job.options().runpath();
        Path dir = runpath == null ? files.dir() : files.dir().resolve(runpath);
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        for (String directive : directives) {
            s.append(directive).append('\n');
        }
        s.append("# Muster job ").append(job.id()).append(": runs job.sh, then records its exit code.\n");
        s.append("printf '%s\\n' \"$EPOCHREALTIME\" > ").append(quote(files.started().toString())).append('\n');
        s.append("cd ").append(quote(dir.toString())).append(" || { printf '127\\n' > ")
                .append(quote(files.exitCode().toString())).append("; exit 127; }\n");
        s.append("( . ").append(quote(files.script().toString())).append(" ) > ")
                .append(quote(files.stdout().toString())).append(" 2> ").append(quote(files.stderr().toString()))
                .append(" < /dev/null\n");
        s.append("code=$?\n");
        s.append("printf '%d\\n' \"$code\" > ").append(quote(files.exitCode().toString())).append('\n');
        s.append("exit \"$code\"\n");
        return s.toString();
    }

    public static Path write(JobSubmission job, List<String> directives) throws IOException {
        Path wrapper = job.files().wrapper();
        Files.writeString(wrapper, render(job, directives));
        return wrapper;
    }
}
