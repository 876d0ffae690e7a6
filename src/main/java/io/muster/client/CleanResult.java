package io.muster.client;

import java.util.List;

/**
 * What cleaning one job deleted on the server.
 *
 * @param deleted    paths deleted (files, then the job's directory if it was left empty)
 * @param skipped    why nothing was deleted (the job still runs, is not the sender's, ...), or null
 * @param unknownJob whether it was skipped because the server has no job of that id
 */
public record CleanResult(String jobId, List<String> deleted, String skipped, boolean unknownJob) {

    public CleanResult {
        deleted = List.copyOf(deleted);
    }

    public CleanResult(String jobId, List<String> deleted, String skipped) {
        this(jobId, deleted, skipped, false);
    }
}
