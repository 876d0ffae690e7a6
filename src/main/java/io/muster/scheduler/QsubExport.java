package io.muster.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code export} option as qsub takes it, on Torque/PBS and Grid Engine alike: {@code ALL} is
 * {@code -V} (the submitter's whole environment), {@code NONE} writes nothing (qsub's default is
 * not to pass the environment), and the other items are {@code -v NAME[=VALUE],...}; so
 * {@code ALL,OMP_NUM_THREADS=4} is {@code -V} and {@code -v OMP_NUM_THREADS=4}. Slurm reads
 * {@code ALL} and {@code NONE} itself ({@code --export=ALL}).
 */
public final class QsubExport {

    private QsubExport() {
    }

    /** The qsub arguments for an {@code export} value, one directive each. */
    public static List<String> arguments(String export) {
        List<String> out = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        boolean all = false;
        for (String item : export.split(",")) {
            String word = item.strip();
            if (word.isEmpty()) {
                continue;
            }
            String upper = word.toUpperCase(Locale.ROOT);
            if (upper.equals("ALL")) {
                all = true;
            } else if (!upper.equals("NONE")) {
                variables.add(word);
            }
        }
        if (all) {
            out.add("-V");
        }
        if (!variables.isEmpty()) {
            out.add("-v " + String.join(",", variables));
        }
        return out;
    }
}
