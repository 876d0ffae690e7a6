package io.muster.queue;

import java.nio.file.Path;
import java.util.List;

/**
 * What cleaning one job removed.
 *
 * @param deleted the files (and, last, the directory once empty) that were deleted
 * @param skipped why nothing was deleted, or null
 */
public record CleanOutcome(String jobId, List<Path> deleted, String skipped) {

    public CleanOutcome {
        deleted = List.copyOf(deleted);
    }
}
