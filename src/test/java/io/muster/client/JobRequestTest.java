package io.muster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void buildsTheSubmissionMessageWithOptionsAndDependencies() throws Exception {
        JsonNode body = JSON.readTree(JobRequest.command("make -j2").name("build").cores(2).mem("4GB")
                .time("1:00:00").partition("short").profile("large").backend("local").requestId("k-1")
                .dependsOn("mwxabcde-11111", "123").option("nodes", 1).toJson());

        assertThat(body.path("command").asText()).isEqualTo("make -j2");
        assertThat(body.path("name").asText()).isEqualTo("build");
        assertThat(body.path("requestId").asText()).isEqualTo("k-1");
        assertThat(body.path("profile").asText()).isEqualTo("large");
        assertThat(body.path("backend").asText()).isEqualTo("local");
        JsonNode options = body.path("options");
        assertThat(options.path("cores").asInt()).isEqualTo(2);
        assertThat(options.path("mem").asText()).isEqualTo("4GB");
        assertThat(options.path("time").asText()).isEqualTo("1:00:00");
        assertThat(options.path("partition").asText()).isEqualTo("short");
        assertThat(options.path("depends")).extracting(JsonNode::asText).containsExactly("mwxabcde-11111", "123");
    }

    @Test
    void anExecutableScriptRunsDirectlyWithItsArgumentsQuoted() throws Exception {
        Path script = Files.writeString(dir.resolve("run me.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

        JobRequest request = JobRequest.script(script, "a b", "it's");

        assertThat(request.command()).isEqualTo("'" + script + "' 'a b' 'it'\\''s'");
        assertThat(request.name()).isEqualTo("runme.sh");
    }

    @Test
    void aScriptThatIsNotExecutableRunsWithBash() throws Exception {
        Path script = Files.writeString(dir.resolve("plain.sh"), "echo hi\n");

        assertThat(JobRequest.script(script).command()).isEqualTo("bash " + script);
    }

    @Test
    void aMissingScriptIsRefusedNamingIt() {
        assertThatThrownBy(() -> JobRequest.script(dir.resolve("nope.sh"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.sh");
    }

    @Test
    void aSelectorLiteralCannotBeEscaped() {
        assertThat(Muster.literal("x' OR '1'='1")).isEqualTo("'x'' OR ''1''=''1'");
    }

    @Test
    void issue12_severalWordsAreAnArgvEachQuotedAsTyped() {
        JobRequest request = JobRequest.command("printf", "%s|", "a  b", "c;d", "$HOME", "it's", "");

        assertThat(request.command()).isEqualTo("printf '%s|' 'a  b' 'c;d' '$HOME' 'it'\\''s' ''");
    }

    @Test
    void issue12_oneWordIsAShellLineAsWritten() {
        assertThat(JobRequest.command("make -j2 && make test").command()).isEqualTo("make -j2 && make test");
    }

    @Test
    void issue12_aFirstWordWithAnEqualsSignIsTheProgramNotAnAssignment() {
        assertThat(JobRequest.command("a=b", "x").command()).isEqualTo("'a=b' x");
    }

    @Test
    void aNullWordOfTheCommandIsRefusedNamingItsPlace() {
        assertThatThrownBy(() -> JobRequest.command("echo", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("word 2 of the command is null");
        assertThatThrownBy(() -> JobRequest.script(dir, "a", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNullDependencyIsRefusedNamingItsPlace() {
        assertThatThrownBy(() -> JobRequest.command("true").dependsOn("a", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dependency 2 is null: give a job id");
    }
}
