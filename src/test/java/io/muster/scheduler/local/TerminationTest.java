package io.muster.scheduler.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TerminationTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> signals = new CopyOnWriteArrayList<>();
    private final Spawner recording = new Spawner() {
        @Override
        public void start(String token, Path pidFile, Path dir, Path wrapper) {
        }

        @Override
        public void signalGroup(long pgid, String signal) {
            signals.add(signal + " " + pgid);
        }

        @Override
        public void close() {
        }
    };
    private final Termination termination = new Termination(timers, () -> recording, Duration.ofMillis(100));

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void sendsTermThenKillAfterTheGraceToAProcessGroupStillThere() {
        termination.terminate(77, pid -> true);

        await().atMost(Duration.ofSeconds(5)).until(() -> signals.size() == 2);
        assertThat(signals).containsExactly("TERM 77", "KILL 77");
    }

    @Test
    void sendsNoKillToAJobThatEndedWithinTheGrace() throws Exception {
        termination.terminate(78, pid -> false);

        Thread.sleep(300);
        assertThat(signals).containsExactly("TERM 78");
    }

    @Test
    void aTimeLimitRunsOutFromTheJobsStartAndAtOnceIfItAlreadyHas() {
        AtomicBoolean late = new AtomicBoolean();
        AtomicBoolean pending = new AtomicBoolean();

        termination.limit(Instant.now().minusSeconds(10), Duration.ofSeconds(1), () -> late.set(true));
        termination.limit(Instant.now(), Duration.ofHours(1), () -> pending.set(true));

        await().atMost(Duration.ofSeconds(5)).untilTrue(late);
        assertThat(pending).isFalse();
    }
}
