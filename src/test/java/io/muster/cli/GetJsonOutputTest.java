package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Regression (black-box probe): {@code get --json} decoded a binary stdout as UTF-8, replacing its bytes. */
class GetJsonOutputTest {

    private final ObjectNode job = new ObjectMapper().createObjectNode();

    @Test
    void textOutputIsAString() {
        GetCommand.output(job, "stdout", "héllo\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.path("stdout").asText()).isEqualTo("héllo\n");
        assertThat(job.has("stdoutBase64")).isFalse();
    }

    @Test
    void bytesThatAreNoUtf8AreBase64WithEveryByteKept() {
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe};

        GetCommand.output(job, "stdout", binary);

        assertThat(job.get("stdout").isNull()).isTrue();
        assertThat(Base64.getDecoder().decode(job.path("stdoutBase64").asText())).isEqualTo(binary);
    }
}
