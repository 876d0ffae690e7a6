package io.muster.scheduler.local;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Which spawner starts the pool's jobs: the Perl one where it runs (faster), else the JVM's. */
final class Spawners {

    private static final Logger LOG = Logger.getLogger(Spawners.class.getName());

    private Spawners() {
    }

    /** A new spawner reporting to {@code events}; {@code jvmOnly} rules the Perl spawner out. */
    static Spawner start(boolean jvmOnly, Spawner.Events events) {
        if (!jvmOnly && PerlSpawner.available()) {
            try {
                return new PerlSpawner(events);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot start the Perl spawner; starting jobs from the JVM instead", e);
            }
        }
        return new ProcessSpawner(events);
    }
}
