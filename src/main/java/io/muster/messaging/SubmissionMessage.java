package io.muster.messaging;

import java.util.Map;

/**
 * A submission as it arrives on {@code muster.submit} (JSON). Documented for clients by
 * {@code src/main/resources/schema/submission.schema.json}.
 *
 * @param requestId optional client key: a second message with the same key is not run twice
 * @param backend   auto (the default), local, slurm, torque or sge
 * @param options   catalogue keywords (synonyms allowed) to values
 */
public record SubmissionMessage(String requestId, String name, String command, String backend, String profile,
                                Map<String, Object> options) {

    public SubmissionMessage {
        options = options == null ? Map.of() : options;
    }
}
