package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SchemaFields: a submission's fields come from its JSON Schema, the one place they are written. */
class SchemaFieldsTest {

    @Test
    void aSubmissionHasTheFieldsOfItsSchema() {
        assertThat(Submissions.FIELDS).containsExactlyInAnyOrder("requestId", "name", "command", "backend", "profile",
                "user", "options");
    }

    @Test
    void aFlowStartAndAnActionOnAnExecutionHaveTheFieldsOfTheirVariants() {
        assertThat(FlowRequests.START_FIELDS).containsExactlyInAnyOrder("flow", "parameters", "requestId");
        assertThat(FlowRequests.ACTION_FIELDS).containsExactlyInAnyOrder("action", "executionId", "parameters",
                "requestId");
    }

    @Test
    void aControlFilterHasTheFieldsOfItsDefinition() {
        assertThat(SchemaFields.ofDefinition("/schema/control-request.schema.json", "filter"))
                .containsExactlyInAnyOrder("state", "states", "user", "backend", "partition", "name", "limit");
    }

    @Test
    void aVariantNoBranchRequiresFailsLoudly() {
        assertThatThrownBy(() -> SchemaFields.ofVariant("/schema/flow-request.schema.json", "command"))
                .hasMessageContaining("no variant that requires command");
    }

    @Test
    void aSchemaThatIsNotThereFailsLoudly() {
        assertThatThrownBy(() -> SchemaFields.of("/schema/nothing.schema.json"))
                .hasMessageContaining("no schema /schema/nothing.schema.json");
    }
}
