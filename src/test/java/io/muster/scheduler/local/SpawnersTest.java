package io.muster.scheduler.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpawnersTest {

    private final Spawner.Events ignored = new Spawner.Events() {
        @Override
        public void started(String token, long pid) {
        }

        @Override
        public void failed(String token, String why) {
        }

        @Override
        public void exited(long pid, Integer exitCode, Integer signal) {
        }

        @Override
        public void lost(String why) {
        }
    };

    @Test
    void startsJobsFromTheJvmWhenToldToAndWithPerlWhereItRuns() {
        try (Spawner jvm = Spawners.start(true, ignored)) {
            assertThat(jvm).isInstanceOf(ProcessSpawner.class);
        }
        try (Spawner fastest = Spawners.start(false, ignored)) {
            assertThat(fastest).isInstanceOf(PerlSpawner.available() ? PerlSpawner.class : ProcessSpawner.class);
        }
    }
}
