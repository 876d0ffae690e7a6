package io.muster.scheduler.torque;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a job runs, from qstat's {@code exec_host}: {@code +}-separated {@code host/slots}, where
 * Torque writes slots as a list of indexes and ranges ({@code node/1,4-6+node2/0} is four slots
 * on node and one on node2) and PBS Pro as {@code index*count} ({@code node1/0*2}).
 *
 * @param slots slots per host, in qstat's order
 */
record ExecHost(Map<String, Integer> slots) {

    private static final Pattern PART = Pattern.compile("([^/+\\s]+)/([0-9,*\\-]+)");

    static ExecHost parse(String text) {
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (String part : text.strip().split("\\+")) {
            Matcher m = PART.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not an exec_host part (host/0-3 or host/0*2): '" + part
                        + "' in '" + text + "'");
            }
            slots.merge(m.group(1), count(m.group(2), text), Integer::sum);
        }
        return new ExecHost(slots);
    }

    private static int count(String slots, String text) {
        int count = 0;
        for (String item : slots.split(",")) {
            try {
                int star = item.indexOf('*');
                int dash = item.indexOf('-');
                if (star >= 0) {
                    count += Integer.parseInt(item.substring(star + 1));
                } else if (dash >= 0) {
                    int from = Integer.parseInt(item.substring(0, dash));
                    int to = Integer.parseInt(item.substring(dash + 1));
                    if (to < from) {
                        throw new IllegalArgumentException("descending slot range '" + item + "' in '" + text + "'");
                    }
                    count += to - from + 1;
                } else {
                    Integer.parseInt(item);
                    count++;
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a slot list (1,4-6 or 0*2): '" + slots + "' in '" + text + "'");
            }
        }
        return count;
    }

    List<String> hosts() {
        return new ArrayList<>(slots.keySet());
    }
}
