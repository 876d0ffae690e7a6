package io.muster.scheduler.sge;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The rows of {@code qstat -xml}: one {@code job_list} element per job, or per group of an array
 * job's tasks (the running tasks one each, the pending ones together, as {@code <tasks>2-10:1</tasks>}).
 * Jobs under {@code queue_info} are running; under {@code job_info}, pending.
 */
final class SgeQstat {

    /**
     * @param jobNumber {@code JB_job_number}
     * @param state     qstat's state letters ({@code r}, {@code qw}, {@code Eqw}, ...)
     * @param startTime {@code JAT_start_time} (running rows), else null
     * @param queue     {@code queue_name} ({@code all.q@host}), null or empty while pending
     * @param tasks     an array's task ids in this row ({@code 1}, {@code 2-10:1}), null for a plain job
     * @param name      {@code JB_name}
     * @param owner     {@code JB_owner}
     * @param slots     {@code slots}: the slots (cores) the row's job or task holds, null if not shown
     */
    record Row(String jobNumber, String state, String startTime, String queue, String tasks, String name,
               String owner, Integer slots) {

        Row(String jobNumber, String state, String startTime, String queue, String tasks) {
            this(jobNumber, state, startTime, queue, tasks, null, null, null);
        }
    }

    private SgeQstat() {
    }

    /** @throws IllegalArgumentException when the text is not qstat's XML, naming what is wrong */
    static List<Row> parse(String xml) {
        if (xml.isBlank()) {
            throw new IllegalArgumentException("qstat -xml printed nothing");
        }
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("qstat -xml printed no XML it can read: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"job_info".equals(root.getTagName())) {
            throw new IllegalArgumentException("qstat -xml printed <" + root.getTagName() + ">, not <job_info>");
        }
        List<Row> rows = new ArrayList<>();
        NodeList jobs = root.getElementsByTagName("job_list");
        for (int i = 0; i < jobs.getLength(); i++) {
            Element job = (Element) jobs.item(i);
            String number = text(job, "JB_job_number");
            String state = text(job, "state");
            if (number == null || !number.matches("\\d+")) {
                throw new IllegalArgumentException("qstat -xml: job_list " + (i + 1) + " has no JB_job_number");
            }
            if (state == null || state.isEmpty()) {
                throw new IllegalArgumentException("qstat -xml: job " + number + " has no state");
            }
            rows.add(new Row(number, state, text(job, "JAT_start_time"), text(job, "queue_name"), text(job, "tasks"),
                    text(job, "JB_name"), text(job, "JB_owner"), slots(text(job, "slots"))));
        }
        return rows;
    }

    private static Integer slots(String text) {
        return text == null || !text.matches("\\d{1,9}") ? null : Integer.valueOf(text);
    }

    /** The trimmed text of a direct child element, or null if there is none. */
    private static String text(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }
}
