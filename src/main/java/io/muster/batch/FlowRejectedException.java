package io.muster.batch;

import io.muster.api.FlowProblem;
import java.util.List;

/** A flow that cannot run: not found, not well-formed, or not valid. Carries every problem found. */
public class FlowRejectedException extends RuntimeException {

    private final List<FlowProblem> problems;

    public FlowRejectedException(List<FlowProblem> problems) {
        super(String.join("\n", problems.stream().map(FlowProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public FlowRejectedException(FlowProblem problem) {
        this(List.of(problem));
    }

    public List<FlowProblem> problems() {
        return problems;
    }
}
