package io.muster.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test flows whose steps are {@code clusterJob} batchlets run one after the other:
 * {@code FlowXml.flow("chain").step("a", "echo a > a.txt").step("b", "cat a.txt").everyStep("backend",
 * "local").xml()}. Flows with splits or partitions are written out in full where they are used.
 */
public final class FlowXml {

    private record Step(String id, String command, Map<String, String> properties) {
    }

    private final String id;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, String> everyStep = new LinkedHashMap<>();

    private FlowXml(String id) {
        this.id = id;
    }

    public static FlowXml flow(String id) {
        return new FlowXml(id);
    }

    /** A step that runs {@code command} as one job, after the steps before it. */
    public FlowXml step(String stepId, String command) {
        steps.add(new Step(stepId, command, new LinkedHashMap<>()));
        return this;
    }

    /** A batch property of the last step (a catalogue option, backend, profile, or a wrong one). */
    public FlowXml property(String name, String value) {
        steps.get(steps.size() - 1).properties().put(name, value);
        return this;
    }

    /** A batch property of every step. */
    public FlowXml everyStep(String name, String value) {
        everyStep.put(name, value);
        return this;
    }

    public String xml() {
        StringBuilder s = new StringBuilder("<job id=\"" + attr(id)
                + "\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n");
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            s.append("  <step id=\"").append(attr(step.id())).append('"');
            if (i + 1 < steps.size()) {
                s.append(" next=\"").append(attr(steps.get(i + 1).id())).append('"');
            }
            s.append(">\n    <batchlet ref=\"clusterJob\">\n      <properties>\n");
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("command", step.command());
            properties.putAll(everyStep);
            properties.putAll(step.properties());
            properties.forEach((name, value) -> s.append("        <property name=\"").append(attr(name))
                    .append("\" value=\"").append(attr(value)).append("\"/>\n"));
            s.append("      </properties>\n    </batchlet>\n  </step>\n");
        }
        return s.append("</job>\n").toString();
    }

    /** Writes the flow to {@code file} and returns it. */
    public Path writeTo(Path file) throws IOException {
        return Files.writeString(file, xml());
    }

    private static String attr(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
