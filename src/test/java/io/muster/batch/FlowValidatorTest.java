package io.muster.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.FlowProblem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowValidatorTest {

    private final FlowValidator validator = new FlowValidator(Set.of("clusterJob", "splitMapper", "splitMerge",
            "handOver")::contains, Set.of("handOver")::contains);

    private static String job(String body) {
        return "<job id=\"f\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n" + body + "</job>\n";
    }

    private static String clusterJob(String id, String properties) {
        return "  <step id=\"" + id + "\">\n"
                + "    <batchlet ref=\"clusterJob\">\n"
                + "      <properties>\n" + properties + "      </properties>\n"
                + "    </batchlet>\n"
                + "  </step>\n";
    }

    /** Regression (black-box probe): the dispatch job, refused by name, could be started from a copy of its file. */
    @Test
    void refusesTheDispatchJobAndItsArtifactsWhateverTheFileIsCalled() {
        String xml = "<job id=\"muster-dispatch\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n"
                + "  <step id=\"s\"><chunk><reader ref=\"clusterJob\"/><writer ref=\"handOver\"/></chunk></step>\n</job>\n";

        assertThat(validator.validate("/tmp/copy.xml", xml)).extracting(FlowProblem::reason).containsExactly(
                "muster-dispatch is the job that hands submissions to their backends, not a flow",
                "'handOver' is Muster's own dispatch artifact, not a building block of flows");
    }

    @Test
    void acceptsTheShippedKindOfFlow() {
        String xml = job(clusterJob("a", """
                        <property name="command" value="echo hi"/>
                        <property name="backend" value="#{jobParameters['backend']}?:auto;"/>
                        <property name="cpus" value="2"/>
                        <property name="mem" value="1GB"/>
                """));

        assertThat(validator.validate("f.xml", xml)).isEmpty();
    }

    @Test
    void rejectsAnUnknownClusterJobPropertyWithItsLineAndTheLikelyOption() {
        String xml = job(clusterJob("a", """
                        <property name="command" value="echo hi"/>
                        <property name="memroy" value="1GB"/>
                """));

        List<FlowProblem> problems = validator.validate("f.xml", xml);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("f.xml");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.reason()).contains("unknown property 'memroy'", "did you mean mem?");
        });
        assertThat(problems.get(0).toString()).startsWith("f.xml:6: ");
    }

    @Test
    void suggestsTheClusterJobsOwnPropertyForAMisspeltOne() {
        String xml = job(clusterJob("a", """
                        <property name="comand" value="echo hi"/>
                        <property name="bakend" value="local"/>
                """));

        assertThat(validator.validate("f.xml", xml)).extracting(FlowProblem::reason)
                .anySatisfy(r -> assertThat(r).contains("unknown property 'comand'", "did you mean command?"))
                .anySatisfy(r -> assertThat(r).contains("unknown property 'bakend'", "did you mean backend?"));
    }

    @Test
    void rejectsXmlThatIsNotWellFormedWithTheLineWhereItBreaks() {
        String xml = "<job id=\"f\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\">\n  <step id=\"a\">\n</job>\n";

        assertThat(validator.validate("bad.xml", xml)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.reason()).startsWith("not well-formed XML");
        });
    }

    @Test
    void rejectsAClusterJobWithoutACommand() {
        String xml = job(clusterJob("a", "        <property name=\"cores\" value=\"2\"/>\n"));

        assertThat(validator.validate("f.xml", xml)).extracting(FlowProblem::reason)
                .containsExactly("the clusterJob batchlet needs a 'command' property");
    }

    @Test
    void rejectsAnUnknownArtifactAndAMisspeltMapperProperty() {
        String xml = job("""
                  <step id="a">
                    <batchlet ref="clusterjob"/>
                    <partition>
                      <mapper ref="splitMapper">
                        <properties><property name="partition" value="4"/></properties>
                      </mapper>
                    </partition>
                  </step>
                """);

        assertThat(validator.validate("f.xml", xml)).extracting(FlowProblem::line, FlowProblem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "no batch artifact named 'clusterjob'; did you mean clusterJob?"),
                org.assertj.core.groups.Tuple.tuple(6, "unknown property 'partition' of splitMapper; did you mean"
                        + " partitions? (it takes input, partitions, header, items, glob, dir, parallel)"));
    }

    @Test
    void rejectsATransitionToNoElement() {
        String xml = job(clusterJob("a", "        <property name=\"command\" value=\"true\"/>\n")
                .replace("<step id=\"a\">", "<step id=\"a\" next=\"bb\">")
                + clusterJob("b", "        <property name=\"command\" value=\"true\"/>\n"));

        assertThat(validator.validate("f.xml", xml)).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("\"bb\"", "did you mean b?"));
    }

    @Test
    void rejectsAJobOutsideTheBatchNamespaceAndWithoutId() {
        assertThat(validator.validate("f.xml", "<job><step id=\"a\"/></job>")).extracting(FlowProblem::reason)
                .anySatisfy(r -> assertThat(r).contains("Jakarta Batch namespace"))
                .anySatisfy(r -> assertThat(r).contains("needs an id"));
    }

    @Test
    void refusesADoctypeSoNoEntityCanReadAFile() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE job [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + job(clusterJob("a", "        <property name=\"command\" value=\"&x;\"/>\n"));

        assertThat(validator.validate("f.xml", xml)).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("DOCTYPE"));
    }
}
