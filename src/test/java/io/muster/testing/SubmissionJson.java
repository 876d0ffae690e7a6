package io.muster.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds submission bodies for tests: {@code SubmissionJson.command("echo hi").option("mem", "lots").json()}. */
public final class SubmissionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, Object> options = new LinkedHashMap<>();

    private SubmissionJson(String command) {
        fields.put("command", command);
    }

    public static SubmissionJson command(String command) {
        return new SubmissionJson(command);
    }

    public SubmissionJson name(String name) {
        fields.put("name", name);
        return this;
    }

    public SubmissionJson backend(String backend) {
        fields.put("backend", backend);
        return this;
    }

    public SubmissionJson requestId(String requestId) {
        fields.put("requestId", requestId);
        return this;
    }

    public SubmissionJson user(String user) {
        fields.put("user", user);
        return this;
    }

    public SubmissionJson profile(String profile) {
        fields.put("profile", profile);
        return this;
    }

    public SubmissionJson field(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    public SubmissionJson option(String name, Object value) {
        options.put(name, value);
        return this;
    }

    public String json() {
        ObjectNode node = JSON.valueToTree(fields);
        if (!options.isEmpty()) {
            node.set("options", JSON.valueToTree(options));
        }
        return node.toString();
    }
}
