package io.muster.scheduler.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Real Slurm text captured for the parser tests; see src/test/resources/slurm/README.md. */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/slurm/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String name) {
        return text(name).lines().filter(l -> !l.isBlank()).toList();
    }

    /** The id column of a line of squeue or sacct text. */
    static String idOf(String line) {
        return line.substring(0, line.indexOf('|'));
    }
}
