package io.muster.cli;

import java.nio.file.Path;
import java.util.List;

/** How a submitted job ended, as its final event told (or why it was rejected). */
record JobOutcome(String jobId, String state, Integer exitCode, String reason, Path stdout, Path stderr,
                  List<String> violations) {
}
