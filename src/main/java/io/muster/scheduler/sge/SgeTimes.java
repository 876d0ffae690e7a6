package io.muster.scheduler.sge;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Grid Engine's times, all in the qmaster's zone and without one: qstat -xml writes
 * {@code 2026-12-01T09:04:16}, qacct {@code Tue Dec  1 09:04:16 2026} (and {@code -/-} for a
 * time that never came, as the start of a job that never ran).
 */
final class SgeTimes {

    private static final DateTimeFormatter QACCT = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    private final ZoneId zone;

    SgeTimes(ZoneId zone) {
        this.zone = zone;
    }

    Instant xml(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a qstat -xml time: '" + text + "'");
        }
    }

    Instant qacct(String text) {
        if (text == null || text.isBlank() || text.strip().equals("-/-")) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip().replaceAll("\\s+", " "), QACCT).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a qacct time: '" + text + "'");
        }
    }
}
