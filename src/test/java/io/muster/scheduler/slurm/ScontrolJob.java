package io.muster.scheduler.slurm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Slurm made of a job's request, as {@code scontrol show job ID} prints it: for tests to check what sbatch got. */
final class ScontrolJob {

    private static final Pattern DETAIL = Pattern.compile("([^\\s=]+)=(\\S*)");

    private ScontrolJob() {
    }

    /** The {@code Key=Value} pairs of {@code scontrol show job}'s output, in order; later keys win. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = DETAIL.matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }
}
