package io.muster.client;

import io.muster.api.ErrorCode;
import io.muster.api.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The server refused a submission. {@link #violations()} lists every reason (option, value,
 * message), not just the first; so does the message, one per line.
 */
public class SubmissionRejectedException extends MusterException {

    private final List<Violation> violations;

    public SubmissionRejectedException(List<Violation> violations) {
        super(ErrorCode.INVALID_SUBMISSION, "submission rejected:" + violations.stream().map(v -> "\n  " + v).collect(Collectors.joining()));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
