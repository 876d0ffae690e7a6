package io.muster.queue;

import java.nio.file.Path;
import java.util.List;

/**
 * What cleaning one job removed.
 *
 * @param deleted    the files (and, last, the directory once empty) that were deleted
 * @param skipped    why nothing was deleted, or null
 * @param unknownJob whether it was skipped because no job has that id
 */
public record CleanOutcome(String jobId, List<Path> deleted, String skipped, boolean unknownJob) {

    public CleanOutcome {
        deleted = List.copyOf(deleted);
    }

    public CleanOutcome(String jobId, List<Path> deleted, String skipped) {
        this(jobId, deleted, skipped, false);
    }

    static CleanOutcome noSuchJob(String id) {
        return new CleanOutcome(id, List.of(), "no job " + id, true);
    }
}
