package io.muster.job;

import io.muster.api.JobId;
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

    /** The names of the files Muster itself writes in a job's directory (an array's tasks add {@code .N}). */
    public static final List<String> OWN_NAMES = List.of("job.sh", "wrapper.sh", "stdout", "stderr", "exitcode",
            "started", "handover", "pid", "tasks");

    /** Whether {@code name} is one of {@link #OWN_NAMES}, or an array task's ({@code exitcode.3}). */
    public static boolean isOwnName(String name) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 && name.substring(dot + 1).matches("\\d+") ? name.substring(0, dot) : name;
        return OWN_NAMES.contains(base);
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

    /**
     * What a cluster backend was given (scheduler package's {@code HandoverRecord}): the time its
     * submit began, then the id the scheduler answered, so a restarted server finds the job again.
     */
    public Path handover() {
        return dir.resolve("handover");
    }

    /**
     * Written when the job is cancelled before its backend answered its submit: should the backend
     * run it all the same (a submit that outlived its server), the wrapper runs nothing.
     */
    public Path cancelled() {
        return dir.resolve("cancelled");
    }

    /** The wrapper's pid (local pool), so a restarted server can re-attach to it. */
    public Path pid() {
        return dir.resolve("pid");
    }

    /**
     * The task indices of an array job, one a line, written with the job script: what the wrapper,
     * the exit code and {@code get} go by. Absent for a job that is no array.
     */
    public Path tasks() {
        return dir.resolve("tasks");
    }

    /** A task's file of an array job: {@code stdout.3}, {@code stderr.3}, {@code exitcode.3}, {@code started.3}. */
    public static Path task(Path file, int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    /** The array's task indices, or empty for a job that is no array. */
    public java.util.Optional<List<Integer>> taskIndices() {
        try {
            return java.util.Optional.of(java.nio.file.Files.readAllLines(tasks()).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).map(Integer::valueOf).toList());
        } catch (java.nio.file.NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (java.io.IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** What Muster wrote to run the job: the job script and the wrapper. */
    public List<Path> scripts() {
        return List.of(script(), wrapper(), tasks());
    }

    /** What running the job produced: its output and the wrapper's bookkeeping files. */
    public List<Path> outputs() {
        return List.of(stdout(), stderr(), exitCode(), started(), pid(), handover(), cancelled());
    }

    /** The names of every file the convention defines, in the order {@link #scripts()} then {@link #outputs()}. */
    public static List<String> fileNames() {
        JobFiles any = new JobFiles(Path.of(""));
        return java.util.stream.Stream.concat(any.scripts().stream(), any.outputs().stream())
                .map(p -> p.getFileName().toString()).toList();
    }
}
