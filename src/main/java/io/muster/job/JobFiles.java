package io.muster.job;

import java.nio.file.Path;
import java.util.List;

/**
 * The naming convention of a job's files: everything of job {@code ID} lives in
 * {@code <work root>/jobs/ID/}. Cleaning, re-attaching after a restart and the scheduler
 * wrappers all rely on these names, so they are defined once, here.
 */
public record JobFiles(Path dir) {

    public static JobFiles of(JobRecord job) {
        return new JobFiles(job.workDir());
    }

    public static Path dirFor(Path workRoot, JobId id) {
        return workRoot.resolve("jobs").resolve(id.value());
    }

    /** The user's command, as a script (modules, then the command): fyrd's job file. */
    public Path script() {
        return dir.resolve("job.sh");
    }

    /** What the backend runs: scheduler directives, then the script, then the exit-code file. */
    public Path wrapper() {
        return dir.resolve("wrapper.sh");
    }

    public Path stdout() {
        return dir.resolve("stdout");
    }

    public Path stderr() {
        return dir.resolve("stderr");
    }

    /** Written by the wrapper when the command ends: the first source of truth for the exit code. */
    public Path exitCode() {
        return dir.resolve("exitcode");
    }

    /** Written by the wrapper when the command starts: epoch milliseconds. */
    public Path started() {
        return dir.resolve("started");
    }

    /** The wrapper's pid (local pool), so a restarted server can re-attach to it. */
    public Path pid() {
        return dir.resolve("pid");
    }

    /** What Muster wrote to run the job: the job script and the wrapper. */
    public List<Path> scripts() {
        return List.of(script(), wrapper());
    }

    /** What running the job produced: its output and the wrapper's bookkeeping files. */
    public List<Path> outputs() {
        return List.of(stdout(), stderr(), exitCode(), started(), pid());
    }

    /** The names of every file the convention defines, in the order {@link #scripts()} then {@link #outputs()}. */
    public static List<String> fileNames() {
        JobFiles any = new JobFiles(Path.of(""));
        return java.util.stream.Stream.concat(any.scripts().stream(), any.outputs().stream())
                .map(p -> p.getFileName().toString()).toList();
    }
}
