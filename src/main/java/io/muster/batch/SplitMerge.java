package io.muster.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobState;
import io.muster.api.ShellWords;
import io.muster.job.JobRecord;
import jakarta.annotation.PostConstruct;
import jakarta.batch.api.partition.AbstractPartitionReducer;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code <reducer ref="splitMerge">}: once every partition of a {@code splitMapper} step has
 * completed, merges their outputs into {@code output} (default {@code DIR/merged.out}).
 * {@code merge="concat"} (the default) concatenates them in partition order, keeping the first
 * {@code header} lines (default 0) of the first output only. Any other {@code merge} value is a
 * command run as one more Muster job (on {@code backend}, default auto), with {@code {outputs}}
 * replaced by the outputs in order and {@code {outfile}} by {@code output}, both shell-quoted. A
 * merge that fails fails the step.
 */
@Named(SplitMerge.NAME)
@Dependent
public class SplitMerge extends AbstractPartitionReducer {

    public static final String NAME = "splitMerge";
    public static final List<String> PROPERTIES = List.of("merge", "output", "header", "backend", "profile");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Inject
    JobLauncher launcher;

    @Inject
    Flows flows;

    private Map<String, String> properties;

    @PostConstruct
    void readProperties() {
        properties = ArtifactProperties.current();
    }

    @Override
    public void afterPartitionedStepCompletion(PartitionStatus status) throws Exception {
        if (status != PartitionStatus.COMMIT) {
            return;
        }
        if (!(stepContext.getTransientUserData() instanceof SplitPlan plan)) {
            throw new ClusterJobException("step '" + stepContext.getStepName() + "': splitMerge needs the step's"
                    + " mapper to be splitMapper");
        }
        Path output = plan.dir().resolve(properties.getOrDefault("output", "merged.out"));
        String merge = properties.getOrDefault("merge", "concat");
        if (merge.equals("concat")) {
            concat(plan.outfiles(), Integer.parseInt(properties.getOrDefault("header", "0")), output);
        } else {
            runMergeJob(merge, plan, output);
        }
    }

    /** Concatenates {@code parts} into {@code output}; of each part after the first, the first {@code header} lines are dropped. */
    static void concat(List<Path> parts, int header, Path output) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.ISO_8859_1)) {
            boolean first = true;
            for (Path part : parts) {
                try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.ISO_8859_1)) {
                    String line;
                    int n = 0;
                    while ((line = in.readLine()) != null) {
                        if (first || n++ >= header) {
                            out.write(line);
                            out.write('\n');
                        }
                    }
                }
                first = false;
            }
        }
    }

    private void runMergeJob(String merge, SplitPlan plan, Path output) throws Exception {
        String outputs = plan.outfiles().stream().map(p -> ShellWords.quote(p.toString()))
                .collect(Collectors.joining(" "));
        ObjectNode body = JSON.createObjectNode();
        body.put("requestId", ClusterJobBatchlet.requestStem(jobContext.getExecutionId(),
                stepContext.getStepExecutionId()) + "-merge");
        body.put("name", ClusterJobBatchlet.jobName(stepContext.getStepName(), "merge"));
        flows.owner(jobContext.getExecutionId()).ifPresent(owner -> body.put("user", owner));
        body.put("command", merge.replace("{outputs}", outputs).replace("{outfile}", ShellWords.quote(output.toString())));
        if (properties.containsKey("backend")) {
            body.put("backend", properties.get("backend"));
        }
        if (properties.containsKey("profile")) {
            body.put("profile", properties.get("profile"));
        }
        body.putObject("options").put("runpath", plan.dir().toString());
        JobLauncher.Checked checked = launcher.check(body.toString());
        if (!checked.accepted()) {
            throw new ClusterJobException("step '" + stepContext.getStepName() + "': the merge job was rejected: "
                    + checked.violations());
        }
        JobRecord end = launcher.submit(checked.job()).get();
        if (end.state() != JobState.COMPLETED) {
            throw ClusterJobException.ended(stepContext.getStepName() + " (merge)", end);
        }
    }
}
