package io.muster.options;

import io.muster.api.Violation;
import java.util.List;

/** The outcome of resolving a submission's options: usable options, or every violation found. */
public record Resolution(JobOptions options, List<Violation> violations) {

    public Resolution {
        violations = List.copyOf(violations);
    }

    public boolean accepted() {
        return violations.isEmpty();
    }
}
