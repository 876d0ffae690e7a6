package io.muster.client;

import java.util.List;

/**
 * What cleaning one job deleted on the server.
 *
 * @param deleted paths deleted (files, then the job's directory if it was left empty)
 * @param skipped why nothing was deleted (the job still runs, is unknown, ...), or null
 */
public record CleanResult(String jobId, List<String> deleted, String skipped) {

    public CleanResult {
        deleted = List.copyOf(deleted);
    }
}
