package io.muster.client;

import io.muster.api.ErrorCode;
import io.muster.api.FlowProblem;
import java.util.List;
import java.util.stream.Collectors;

/** The server refused a flow request: every problem, with the file and line it is in where known. */
public class FlowRejectedException extends MusterException {

    private final List<FlowProblem> problems;

    public FlowRejectedException(ErrorCode code, List<FlowProblem> problems) {
        super(code, "flow refused:" + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining()));
        this.problems = List.copyOf(problems);
    }

    public List<FlowProblem> problems() {
        return problems;
    }
}
