package io.muster.scheduler.torque;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One job of qstat's full output, as attribute names to values. Both forms sites have are read:
 * Torque's {@code qstat -x} XML and the {@code qstat -f} blocks of Torque, PBS Pro and Slurm's
 * PBS commands. Nested attributes get qstat -f's dotted names in both ({@code Resource_List.walltime}).
 *
 * @param id         the job id as qstat prints it
 * @param attributes attribute names, with the scheduler's spelling, to values
 */
record QstatJob(String id, Map<String, String> attributes) {

    private static final Pattern JOB_ID = Pattern.compile("Job Id:\\s*(\\S+)\\s*");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\s+)([A-Za-z_][\\w.-]*) =(?: (.*))?");

    /** The value of the first of {@code names} the job has, ignoring case (Torque's exit_status, PBS Pro's Exit_status). */
    String get(String... names) {
        for (String name : names) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    /** Every job in qstat's output, whichever form it is in. */
    static List<QstatJob> parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        return t.startsWith("<") ? parseXml(t) : parseFull(text);
    }

    /**
     * {@code qstat -f}: a {@code Job Id: ID} line, then one {@code name = value} line per attribute,
     * indented alike. A line indented otherwise continues the value above: Torque and PBS Pro wrap
     * long values (Variable_List) onto tab-indented lines, so the wrapped text is joined as is.
     */
    static List<QstatJob> parseFull(String text) {
        List<QstatJob> jobs = new ArrayList<>();
        String id = null;
        Map<String, String> attributes = null;
        String indent = null;
        String last = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            line = line.stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            Matcher job = JOB_ID.matcher(line);
            if (job.matches()) {
                if (id != null) {
                    jobs.add(new QstatJob(id, attributes));
                }
                id = job.group(1);
                attributes = new LinkedHashMap<>();
                indent = null;
                last = null;
                continue;
            }
            if (id == null) {
                throw new IllegalArgumentException("qstat -f line " + number + " comes before any 'Job Id:': " + line);
            }
            Matcher attribute = ATTRIBUTE.matcher(line);
            if (attribute.matches() && (indent == null || indent.equals(attribute.group(1)))) {
                indent = attribute.group(1);
                last = attribute.group(2);
                attributes.put(last, attribute.group(3) == null ? "" : attribute.group(3).strip());
            } else if (last != null && Character.isWhitespace(line.charAt(0))) {
                attributes.merge(last, line.strip(), String::concat);
            } else {
                throw new IllegalArgumentException("qstat -f line " + number + " of job " + id
                        + " is neither 'name = value' nor a continuation: " + line);
            }
        }
        if (id != null) {
            jobs.add(new QstatJob(id, attributes));
        }
        return jobs;
    }

    /** Torque's {@code qstat -x}: {@code <Data><Job><Job_Id>…</Job_Id>…</Job></Data>}. */
    static List<QstatJob> parseXml(String text) {
        Element data;
        try {
            data = builder().parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("qstat -x printed no readable XML: " + e.getMessage(), e);
        }
        if (!data.getTagName().equals("Data")) {
            throw new IllegalArgumentException("qstat -x XML: expected <Data>, got <" + data.getTagName() + ">");
        }
        List<QstatJob> jobs = new ArrayList<>();
        for (Element job : children(data)) {
            if (!job.getTagName().equals("Job")) {
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (Element attribute : children(job)) {
                List<Element> nested = children(attribute);
                if (nested.isEmpty()) {
                    attributes.put(attribute.getTagName(), attribute.getTextContent().strip());
                } else {
                    for (Element n : nested) {
                        attributes.put(attribute.getTagName() + "." + n.getTagName(), n.getTextContent().strip());
                    }
                }
            }
            String id = attributes.get("Job_Id");
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("qstat -x XML: a <Job> without <Job_Id>: " + attributes);
            }
            jobs.add(new QstatJob(id, attributes));
        }
        return jobs;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    /** A parser that reads no DTD and no external entity: qstat's XML needs neither. */
    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // the default handler prints "[Fatal Error]" on stderr before throwing; the exception is enough
            builder.setErrorHandler(new DefaultHandler());
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured: " + e.getMessage(), e);
        }
    }
}
