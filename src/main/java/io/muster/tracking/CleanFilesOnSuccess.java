package io.muster.tracking;

import io.muster.api.JobState;
import io.muster.job.JobFiles;
import io.muster.options.JobOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The {@code clean_files} option, on every backend: once a job has COMPLETED, its scripts
 * ({@code job.sh}, {@code wrapper.sh}) are deleted, as fyrd deleted its job files. A job that
 * ended otherwise keeps them, to be looked at. Outputs stay ({@code clean_outputs} deletes
 * those once they were collected).
 */
@ApplicationScoped
public class CleanFilesOnSuccess {

    private static final Logger LOG = Logger.getLogger(CleanFilesOnSuccess.class.getName());

    void onChange(@Observes JobChanged change) {
        if (change.job().state() != JobState.COMPLETED || !JobOptions.fromNormalised(change.job().options()).cleanFiles()) {
            return;
        }
        for (Path script : JobFiles.of(change.job()).scripts()) {
            try {
                Files.deleteIfExists(script);
            } catch (IOException e) {
                LOG.warning(() -> "job " + change.job().id() + ": clean_files could not delete " + script + ": " + e);
            }
        }
    }
}
