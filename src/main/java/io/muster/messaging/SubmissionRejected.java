package io.muster.messaging;

import io.muster.api.Violation;
import java.util.List;

/**
 * A CDI event fired when a submission on {@code muster.submit} was rejected (it never became a
 * stored job, so no {@link io.muster.tracking.JobChanged} tells of it): what the metrics count.
 */
public record SubmissionRejected(List<Violation> violations) {

    public SubmissionRejected {
        violations = List.copyOf(violations);
    }
}
