package io.muster.scheduler;

/** The start time of {@code qsub -a}, as Torque/PBS and Grid Engine both read it. */
public final class QsubTime {

    private QsubTime() {
    }

    /**
     * {@code [[CC]YY]MMDDhhmm.SS} from the catalogue's {@code begin} (YYYY-MM-DDTHH:MM:SS, or
     * HH:MM:SS for a time of day, which becomes {@code hhmm.SS}).
     */
    public static String of(String begin) {
        String digits = begin.replace("-", "").replace("T", "").replace(":", "");
        return digits.substring(0, digits.length() - 2) + "." + digits.substring(digits.length() - 2);
    }
}
