package io.muster.scheduler;

import io.muster.api.JobId;
import io.muster.job.JobFiles;
import io.muster.options.JobOptions;
import java.util.List;

/**
 * A job ready for a backend: its files are written (the job script), its dependencies are
 * already translated to this backend's ids.
 *
 * @param afterAny true to start after the dependencies end whatever their outcome (afterany),
 *                 false to need them to succeed (afterok, the default)
 */
public record JobSubmission(JobId id, String name, JobOptions options, JobFiles files,
                            List<String> dependencies, boolean afterAny) {

    public JobSubmission {
        dependencies = List.copyOf(dependencies);
    }
}
