package io.muster.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.job.JobRecord;
import io.muster.testing.FlowEventProbe;
import io.muster.testing.FlowXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Flows end to end in an embedded Weld container: the shipped examples ({@link ExampleFlows}) and
 * failing, restarted, stopped and partitioned flows, each step a Muster job. The backend is a
 * parameter ({@code -Dmuster.test.backend}, local by default), so the same tests run on a cluster
 * backend where one is configured; {@link FlowsOnSlurmIT} runs the examples on Slurm in every build.
 *
 * <p>The server runs with the smallest batch pool Muster allows (4 threads), so any flow that
 * needs more threads than that for its waiting steps shows up here as a hang.
 */
class FlowsIT extends ExampleFlows {

    static final String BACKEND = System.getProperty("muster.test.backend", "local");

    @Override
    protected String backend() {
        return BACKEND;
    }

    @Test
    void aFailingBranchEndsTheChainFailedAndDNeverRuns() throws Exception {
        server();
        long id = flows.start("examples/chain", params("cExit", "1"));

        FlowStatus status = runToEnd(id);

        assertThat(status.batchStatus()).isEqualTo("FAILED");
        assertThat(status.steps()).extracting(FlowStatus.Step::step).doesNotContain("d");
        FlowStatus.Step c = status.steps().stream().filter(s -> s.step().equals("c")).findFirst().orElseThrow();
        assertThat(c.batchStatus()).isEqualTo("FAILED");
        assertThat(c.jobState()).isEqualTo("FAILED");
        assertThat(Files.exists(workDir(status).resolve("d.txt"))).isFalse();
    }

    @Test
    void restartAfterAMissingInputIsFixedSkipsTheStepThatCompleted() throws Exception {
        server();
        Path input = Files.createTempDirectory("restart").resolve("reads.txt");
        long first = flows.start("examples/three-steps", params("input", input.toString()));

        FlowStatus failed = runToEnd(first);

        assertThat(failed.batchStatus()).isEqualTo("FAILED");
        assertThat(failed.steps()).extracting(FlowStatus.Step::step).containsExactly("prepare", "analyse");
        Files.writeString(input, "b\na\nc\n");

        long second = flows.restart(first, Map.of());
        FlowStatus restarted = runToEnd(second);

        assertThat(restarted.batchStatus()).isEqualTo("COMPLETED");
        assertThat(restarted.steps()).extracting(FlowStatus.Step::step).containsExactly("analyse", "report");
        assertThat(restarted.executions()).containsExactly(first, second);
        Path dir = workDir(restarted);
        assertThat(Files.readAllLines(dir.resolve("prepare.log"))).containsExactly("prepared");
        assertThat(Files.readString(dir.resolve("report.txt")).trim()).isEqualTo("3");
    }

    @Test
    void stoppingAFlowCancelsItsRunningJob() throws Exception {
        server();
        writeFlow("sleepy", FlowXml.flow("sleepy")
                .step("nap", "sleep 600").property("backend", "#{jobParameters['backend']}")
                .step("after", "touch after").xml());
        long id = flows.start("sleepy", params());
        String jobId = awaitRunningJob(id, "nap");

        flows.stop(id);
        FlowStatus status = runToEnd(id);

        assertThat(status.batchStatus()).isEqualTo("STOPPED");
        JobRecord job = launcher.whenEnded(JobId.of(jobId)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(status.steps()).extracting(FlowStatus.Step::step).containsExactly("nap");
    }

    private String awaitRunningJob(long execution, String step) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (FlowStatus.Step s : flows.status(execution).steps()) {
                if (s.step().equals(step) && s.jobId() != null && server.store().find(JobId.of(s.jobId()))
                        .map(j -> j.state() == JobState.RUNNING).orElse(false)) {
                    return s.jobId();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("step " + step + " never had a running job");
    }

    @Test
    void fortyPartitionsRunToTheEndOnAFourThreadBatchPool() throws Exception {
        server();
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            items.append(i).append(' ');
        }
        writeFlow("fan-out", """
                <job id="fan-out" xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.0">
                  <step id="each">
                    <batchlet ref="clusterJob">
                      <properties>
                        <property name="command" value="echo {item} > {outfile}"/>
                        <property name="backend" value="#{jobParameters['backend']}"/>
                      </properties>
                    </batchlet>
                    <partition>
                      <mapper ref="splitMapper">
                        <properties>
                          <property name="items" value="#{jobParameters['items']}"/>
                          <property name="parallel" value="40"/>
                        </properties>
                      </mapper>
                      <reducer ref="splitMerge"/>
                    </partition>
                  </step>
                </job>
                """);
        FlowStatus status;
        List<JsonNode> events;
        try (FlowEventProbe probe = new FlowEventProbe(server.broker().connectionFactory())) {
            long id = flows.start("fan-out", params("items", items.toString().trim()));
            status = runToEnd(id);
            events = probe.awaitFlowEnd(id, WAIT);
        }

        assertThat(status.batchStatus()).isEqualTo("COMPLETED");
        assertThat(events.stream().map(FlowEventProbe::label).toList())
                .as("one start and one end for the partitioned step, not one per partition")
                .containsExactly("flow.started", "each.started", "each.completed", "flow.completed");
        List<String> merged = Files.readAllLines(workDir(status).resolve("each").resolve("merged.out"));
        assertThat(merged).hasSize(40).first().isEqualTo("1");
        assertThat(merged).last().isEqualTo("40");
    }

    @Test
    void restartingAFanOutRerunsOnlyThePartitionThatFailedThenMerges() throws Exception {
        server();
        writeFlow("fan-retry", """
                <job id="fan-retry" xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.0">
                  <step id="each">
                    <batchlet ref="clusterJob">
                      <properties>
                        <property name="command"
                                  value="echo run >> runs-{index}.log; { test {item} != 3 || test -e fixed; } &amp;&amp; echo {item} > {outfile}"/>
                        <property name="backend" value="#{jobParameters['backend']}"/>
                      </properties>
                    </batchlet>
                    <partition>
                      <mapper ref="splitMapper">
                        <properties><property name="items" value="1 2 3 4"/></properties>
                      </mapper>
                      <reducer ref="splitMerge"/>
                    </partition>
                  </step>
                </job>
                """);
        long first = flows.start("fan-retry", params());
        FlowStatus failed = runToEnd(first);
        assertThat(failed.batchStatus()).isEqualTo("FAILED");
        Path dir = workDir(failed);
        Files.writeString(dir.resolve("fixed"), "");

        FlowStatus restarted = runToEnd(flows.restart(first, Map.of()));

        assertThat(restarted.batchStatus()).isEqualTo("COMPLETED");
        assertThat(Files.readAllLines(dir.resolve("runs-1.log"))).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("runs-3.log"))).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("each").resolve("merged.out"))).containsExactly("1", "2", "3", "4");
    }

    @Test
    void stoppingAFanOutCancelsTheJobOfEveryRunningPartition() throws Exception {
        server();
        writeFlow("fan-sleep", """
                <job id="fan-sleep" xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.0">
                  <step id="each">
                    <batchlet ref="clusterJob">
                      <properties>
                        <property name="command" value="sleep 600"/>
                        <property name="backend" value="#{jobParameters['backend']}"/>
                      </properties>
                    </batchlet>
                    <partition>
                      <mapper ref="splitMapper">
                        <properties><property name="items" value="a b"/></properties>
                      </mapper>
                    </partition>
                  </step>
                </job>
                """);
        long id = flows.start("fan-sleep", params());
        List<JobRecord> running = List.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (running.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            running = server.store().findInStates(java.util.Set.of(JobState.RUNNING)).stream()
                    .filter(j -> j.requestId() != null && j.requestId().startsWith("flow-" + id + "-")).toList();
        }
        assertThat(running).as("both partitions' jobs running").hasSize(2);

        flows.stop(id);
        FlowStatus status = runToEnd(id);

        assertThat(status.batchStatus()).isEqualTo("STOPPED");
        for (JobRecord job : running) {
            assertThat(launcher.whenEnded(job.id()).get(WAIT.toSeconds(), TimeUnit.SECONDS).state())
                    .isEqualTo(JobState.CANCELLED);
        }
    }

    @Test
    void aFlowWithAnUnknownPropertyIsRefusedWithItsFileAndLine() throws Exception {
        server();
        // the misspelt property is on line 6
        Path file = writeFlow("typo", FlowXml.flow("typo").step("one", "true").property("corse", "2").xml());

        assertThatThrownBy(() -> flows.start("typo", params()))
                .isInstanceOf(FlowRejectedException.class)
                .hasMessageContaining(file + ":6:")
                .hasMessageContaining("corse")
                .hasMessageContaining("did you mean cores?");
    }

    /** Regression (black-box probe): a copy of the dispatch job's file, started by path, ran a second dispatcher. */
    @Test
    void aCopyOfTheDispatchJobIsRefusedByItsContentNotItsName() throws Exception {
        server();
        String dispatch;
        try (var in = getClass().getClassLoader().getResourceAsStream("META-INF/batch-jobs/muster-dispatch.xml")) {
            dispatch = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path copy = Files.writeString(Files.createTempDirectory("flow").resolve("harmless.xml"),
                dispatch.replace("id=\"muster-dispatch\"", "id=\"harmless\""));

        assertThatThrownBy(() -> flows.start(copy.toString(), params("backend", "local")))
                .isInstanceOf(FlowRejectedException.class)
                .hasMessageContaining("'acceptedJobs' is Muster's own dispatch artifact")
                .hasMessageContaining("'handOver' is Muster's own dispatch artifact");
    }

    /** Regression (black-box probe): any class on the server's class path was a "known artifact", and JBeret constructed it. */
    @Test
    void aFlowNamingAJavaClassAsItsArtifactIsRefusedBeforeItRuns() throws Exception {
        server();
        String xml = "<job id=\"classy\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n"
                + "  <step id=\"a\"><batchlet ref=\"" + io.muster.testing.Constructed.class.getName() + "\"/></step>\n</job>\n";
        writeFlow("classy", xml);

        assertThatThrownBy(() -> flows.start("classy", params()))
                .isInstanceOf(FlowRejectedException.class)
                .hasMessageContaining("no batch artifact named '" + io.muster.testing.Constructed.class.getName()
                        + "' (a flow's artifacts are clusterJob, splitMapper, splitMerge)");
    }

    /**
     * Regression (black-box probe): a ref given as an expression, or in a parent flow the validator
     * never read, had JBeret construct any class, Muster's dispatch artifacts included.
     */
    @Test
    void aClassNamedByAParameterOrAParentFlowIsNeverConstructed() throws Exception {
        server();
        String constructed = io.muster.testing.Constructed.class.getName();
        writeFlow("byparameter", "<job id=\"byparameter\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n"
                + "  <step id=\"a\"><batchlet ref=\"#{jobParameters['artifact']}\"/></step>\n</job>\n");
        Path parent = writeFlow("parent", "<job id=\"parent\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n"
                + "  <step id=\"p\"><batchlet ref=\"" + constructed + "\"/></step>\n</job>\n");
        writeFlow("child", "<job id=\"child\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n"
                + "  <step id=\"a\" parent=\"p\" jsl-name=\"" + parent + "\"/>\n</job>\n");
        int before = io.muster.testing.Constructed.COUNT.get();

        FlowStatus byParameter = runToEnd(flows.start("byparameter", params("artifact", constructed)));
        FlowStatus dispatch = runToEnd(flows.start("byparameter", params("artifact", "handOver")));
        FlowStatus child = runToEnd(flows.start("child", params()));

        assertThat(List.of(byParameter, dispatch, child)).extracting(FlowStatus::batchStatus)
                .containsOnly("FAILED");
        assertThat(io.muster.testing.Constructed.COUNT.get()).isEqualTo(before);
    }

    /** Regression (black-box probe): a step whose job was rejected showed REJECTED and no reason; only the server's log said why. */
    @Test
    void aStepWhoseJobIsRejectedSaysWhyInTheFlowsStatus() throws Exception {
        server();
        writeFlow("refusedstep", FlowXml.flow("refusedstep").step("one", "true").property("mem", "lots").xml());

        FlowStatus status = runToEnd(flows.start("refusedstep", params()));

        assertThat(status.batchStatus()).isEqualTo("FAILED");
        assertThat(status.steps()).singleElement().satisfies(step -> {
            assertThat(step.exitStatus()).isEqualTo("REJECTED");
            assertThat(step.jobState()).isEqualTo("REJECTED");
            assertThat(step.jobId()).isNull();
            assertThat(step.reason()).contains("mem 'lots' is not a size");
        });
    }

    /** Writes a flow into the server's flows directory, where it is found by name. */
    private Path writeFlow(String name, String xml) throws java.io.IOException {
        Path flowsDir = server.config().flowsDir();
        Files.createDirectories(flowsDir);
        return Files.writeString(flowsDir.resolve(name + ".xml"), xml);
    }
}
