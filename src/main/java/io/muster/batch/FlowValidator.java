package io.muster.batch;

import io.muster.api.FlowProblem;
import io.muster.options.Keywords;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks a flow before JBeret sees it, so a mistake is reported with its file and line instead
 * of failing a step at run time: well-formed XML, a {@code <job id>} root in the Jakarta Batch
 * namespace, every artifact {@code ref} known, every property of Muster's artifacts known (a
 * misspelt catalogue option gets a "did you mean"), a {@code command} on every
 * {@code clusterJob}, and every transition going to an element that exists.
 */
final class FlowValidator {

    static final Set<String> NAMESPACES = Set.of("https://jakarta.ee/xml/ns/jakartaee", "http://xmlns.jcp.org/xml/ns/javaee");
    /** Elements whose {@code ref} names a batch artifact. */
    private static final Set<String> ARTIFACTS = Set.of("batchlet", "mapper", "reducer", "collector", "analyzer",
            "listener", "reader", "processor", "writer", "checkpoint-algorithm", "decision");
    private static final Set<String> EXECUTION_ELEMENTS = Set.of("step", "flow", "split", "decision");

    private final Predicate<String> knownArtifact;
    private final Predicate<String> ownArtifact;

    /**
     * @param knownArtifact whether a {@code ref} names an artifact Muster can create
     * @param ownArtifact   whether it is one of Muster's own dispatch, which hands submissions to
     *                      their backends and is no building block of a flow
     */
    FlowValidator(Predicate<String> knownArtifact, Predicate<String> ownArtifact) {
        this.knownArtifact = knownArtifact;
        this.ownArtifact = ownArtifact;
    }

    List<FlowProblem> validate(String file, String xml) {
        Handler handler = new Handler(file);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            // flows come from users: no DTDs, no external entities
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new InputSource(new StringReader(xml)), handler);
        } catch (SAXParseException e) {
            handler.problems.add(new FlowProblem(file, e.getLineNumber(), "not well-formed XML: " + e.getMessage()));
            return handler.problems;
        } catch (SAXException | IOException | ParserConfigurationException e) {
            handler.problems.add(new FlowProblem(file, 0, "cannot read the XML: " + e.getMessage()));
            return handler.problems;
        }
        handler.checkTransitions();
        return handler.problems;
    }

    private record Frame(String element, String ref, int line, Set<String> properties) {
    }

    private record Target(String id, int line, String attribute) {
    }

    private final class Handler extends DefaultHandler {
        private final String file;
        private final List<FlowProblem> problems = new ArrayList<>();
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Set<String> ids = new HashSet<>();
        private final List<Target> targets = new ArrayList<>();
        private Locator locator;

        Handler(String file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator l) {
            this.locator = l;
        }

        private int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }

        private void problem(int line, String reason) {
            problems.add(new FlowProblem(file, line, reason));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            int line = line();
            if (stack.isEmpty()) {
                if (!localName.equals("job")) {
                    problem(line, "the root element must be <job>, was <" + qName + ">");
                } else if (!NAMESPACES.contains(uri)) {
                    problem(line, "<job> must be in the Jakarta Batch namespace https://jakarta.ee/xml/ns/jakartaee, was '"
                            + uri + "'");
                }
                if (blank(attributes.getValue("id"))) {
                    problem(line, "<job> needs an id: the flow's name");
                } else if (attributes.getValue("id").equals(BatchEngine.DISPATCH_JOB)) {
                    problem(line, BatchEngine.DISPATCH_JOB + " is the job that hands submissions to their backends,"
                            + " not a flow");
                }
            }
            String id = attributes.getValue("id");
            if (EXECUTION_ELEMENTS.contains(localName) && !blank(id) && !ids.add(id)) {
                problem(line, "two elements have the id '" + id + "'");
            }
            for (String attribute : List.of("next", "to", "restart")) {
                String target = attributes.getValue(attribute);
                if (!blank(target)) {
                    targets.add(new Target(target, line, localName + " " + attribute));
                }
            }
            String ref = attributes.getValue("ref");
            if (ARTIFACTS.contains(localName)) {
                if (blank(ref)) {
                    problem(line, "<" + localName + "> needs a ref");
                } else if (ownArtifact.test(ref)) {
                    problem(line, "'" + ref + "' is Muster's own dispatch artifact, not a building block of flows");
                } else if (!ref.contains("#{") && !knownArtifact.test(ref)) {
                    String hint = hint(ref, knownArtifactNames());
                    problem(line, "no batch artifact named '" + ref + "'" + (hint.isEmpty() ? " (a flow's artifacts are "
                            + String.join(", ", knownArtifactNames()) + ")" : hint));
                }
            }
            if (localName.equals("property") && stack.size() >= 2) {
                Frame owner = stack.stream().skip(1).findFirst().orElseThrow();
                String name = attributes.getValue("name");
                if (stack.peek().element().equals("properties") && owner.ref() != null && name != null) {
                    owner.properties().add(name);
                    checkProperty(owner.ref(), name, line);
                }
            }
            stack.push(new Frame(localName, ARTIFACTS.contains(localName) ? ref : null, line, new HashSet<>()));
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Frame frame = stack.pop();
            if (ClusterJobBatchlet.NAME.equals(frame.ref()) && frame.element().equals("batchlet")
                    && !frame.properties().contains("command")) {
                problem(frame.line(), "the clusterJob batchlet needs a 'command' property");
            }
        }

        private void checkProperty(String ref, String name, int line) {
            Map<String, List<String>> known = new LinkedHashMap<>();
            known.put(SplitMapper.NAME, SplitMapper.PROPERTIES);
            known.put(SplitMerge.NAME, SplitMerge.PROPERTIES);
            if (ref.equals(ClusterJobBatchlet.NAME)) {
                if (!ClusterJobBatchlet.accepts(name) || name.startsWith(ClusterJobBatchlet.PARTITION_PREFIX)) {
                    // the batchlet's own properties first: a misspelt 'command' is the likeliest typo of all
                    String hint = Keywords.closestOf(name, ClusterJobBatchlet.OWN).or(() -> Keywords.closest(name))
                            .map(k -> "; did you mean " + k + "?").orElse("");
                    problem(line, "unknown property '" + name + "' of the clusterJob batchlet" + hint + " (it takes "
                            + String.join(", ", ClusterJobBatchlet.OWN) + " and the catalogue options "
                            + String.join(", ", Keywords.names()) + ", synonyms included)");
                }
            } else if (known.containsKey(ref) && !known.get(ref).contains(name)) {
                problem(line, "unknown property '" + name + "' of " + ref + hint(name, known.get(ref)) + " (it takes "
                        + String.join(", ", known.get(ref)) + ")");
            }
        }

        void checkTransitions() {
            for (Target t : targets) {
                if (!ids.contains(t.id())) {
                    problem(t.line(), "<" + t.attribute() + "=\"" + t.id() + "\"> goes to no step, flow, split or"
                            + " decision of this flow" + hint(t.id(), ids));
                }
            }
        }
    }

    private List<String> knownArtifactNames() {
        return FlowArtifactFactory.BUILDING_BLOCKS;
    }

    private static String hint(String unknown, java.util.Collection<String> known) {
        return Keywords.closestOf(unknown, known).map(b -> "; did you mean " + b + "?").orElse("");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
