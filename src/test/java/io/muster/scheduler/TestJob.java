package io.muster.scheduler;

import io.muster.api.JobId;
import io.muster.job.JobFiles;
import io.muster.options.JobOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link JobSubmission} for tests: a command, its options, and its job script written
 * below a root directory, as the prepare step would write it.
 */
public final class TestJob {

    private final String command;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final List<String> dependencies = new ArrayList<>();
    private boolean afterAny;
    private String name = "test";

    private TestJob(String command) {
        this.command = command;
    }

    public static TestJob command(String command) {
        return new TestJob(command);
    }

    public TestJob cores(int cores) {
        options.put("cores", cores);
        return this;
    }

    public TestJob mem(String mem) {
        options.put("mem", mem);
        return this;
    }

    public TestJob time(String time) {
        options.put("time", time);
        return this;
    }

    public TestJob runpath(String runpath) {
        options.put("runpath", runpath);
        return this;
    }

    public TestJob name(String jobName) {
        this.name = jobName;
        return this;
    }

    /** afterok on these backend ids (unless {@link #afterAny()}). */
    public TestJob after(String... schedulerIds) {
        dependencies.addAll(List.of(schedulerIds));
        return this;
    }

    public TestJob afterAny() {
        this.afterAny = true;
        return this;
    }

    /** Writes the job script below {@code root} and returns the submission. */
    public JobSubmission in(Path root) {
        JobId id = JobId.generate();
        JobFiles files = new JobFiles(JobFiles.dirFor(root, id));
        try {
            JobScript.write(files, command, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JobSubmission(id, name, JobOptions.fromNormalised(options), files, dependencies, afterAny);
    }
}
