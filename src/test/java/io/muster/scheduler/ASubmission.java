package io.muster.scheduler;

import io.muster.api.JobId;
import io.muster.job.JobFiles;
import io.muster.options.JobOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: a job ready for a backend, with only what a test cares about set. */
public final class ASubmission {

    private final Map<String, Object> options = new LinkedHashMap<>();
    private final List<String> dependencies = new ArrayList<>();
    private String name = "job";
    private Path dir = Path.of("/tmp/muster-test/jobs/x");
    private boolean afterAny;
    private JobId id = JobId.generate();

    public static ASubmission aJob() {
        return new ASubmission();
    }

    public ASubmission named(String value) {
        this.name = value;
        return this;
    }

    public ASubmission withId(String value) {
        this.id = JobId.of(value);
        return this;
    }

    public ASubmission in(Path jobDir) {
        this.dir = jobDir;
        return this;
    }

    public ASubmission with(String option, Object value) {
        options.put(option, value);
        return this;
    }

    public ASubmission after(String... schedulerIds) {
        dependencies.addAll(List.of(schedulerIds));
        return this;
    }

    public ASubmission afterAny(String... schedulerIds) {
        after(schedulerIds);
        afterAny = true;
        return this;
    }

    public JobSubmission build() {
        return new JobSubmission(id, name, JobOptions.fromNormalised(options), new JobFiles(dir),
                dependencies, afterAny);
    }
}
