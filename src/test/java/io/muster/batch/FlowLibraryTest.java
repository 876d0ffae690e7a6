package io.muster.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowLibraryTest {

    @TempDir
    Path dir;

    @Test
    void findsAShippedExampleByName() {
        FlowSource chain = new FlowLibrary(dir).find("examples/chain");

        assertThat(chain.origin()).isEqualTo("batch-jobs/examples/chain.xml");
        assertThat(chain.xml()).contains("<job id=\"chain\"");
    }

    @Test
    void theFlowsDirectoryComesBeforeTheShippedFlows() throws Exception {
        Files.createDirectories(dir.resolve("examples"));
        Files.writeString(dir.resolve("examples/chain.xml"), "<job id=\"mine\"/>");

        FlowSource found = new FlowLibrary(dir).find("examples/chain");

        assertThat(found.xml()).isEqualTo("<job id=\"mine\"/>");
        assertThat(found.reference()).isEqualTo(dir.resolve("examples/chain.xml").toString());
    }

    @Test
    void findsAFileByPath() throws Exception {
        Path file = Files.writeString(dir.resolve("any.xml"), "<job id=\"any\"/>");

        assertThat(new FlowLibrary(null).find(file.toString()).origin()).isEqualTo(file.toString());
    }

    @Test
    void refusesNamesThatLeaveTheDirectoryAndMustersOwnJob() {
        assertThatThrownBy(() -> new FlowLibrary(dir).find("../etc/passwd")).isInstanceOf(FlowRejectedException.class)
                .hasMessageContaining("not a flow name");
        assertThatThrownBy(() -> new FlowLibrary(dir).find("muster-dispatch")).hasMessageContaining("not a flow");
    }

    @Test
    void aMissingFlowNamesWhereItWasLookedFor() {
        assertThatThrownBy(() -> new FlowLibrary(dir).find("nope"))
                .hasMessageContaining("no flow of that name in " + dir + " or in batch-jobs/");
    }
}
