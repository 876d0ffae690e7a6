package io.muster.scheduler.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private static Backfill.Running running(int cores, long mem, Duration left) {
        return new Backfill.Running(cores, mem, NOW.plus(left));
    }

    private static Backfill.Waiting<String> waiting(String name, int cores, long mem, Duration estimate) {
        return new Backfill.Waiting<>(name, cores, mem, estimate);
    }

    @Test
    void startsWaitingJobsInArrivalOrderWhileTheyFit() {
        List<String> start = Backfill.plan(4, 1000, List.of(), List.of(
                waiting("a", 2, 0, Duration.ofHours(1)),
                waiting("b", 1, 0, Duration.ofHours(1)),
                waiting("c", 1, 0, Duration.ofHours(1)),
                waiting("d", 1, 0, Duration.ofHours(1))), NOW);

        assertThat(start).containsExactly("a", "b", "c");
    }

    @Test
    void backfillsASmallJobThatEndsBeforeTheBlockedJobsReservation() {
        // 4 cores, 3 busy for another hour: the 2-core head waits an hour; a 1-core 30-minute job may go first
        List<String> start = Backfill.plan(4, 1000, List.of(running(3, 0, Duration.ofHours(1))), List.of(
                waiting("head", 2, 0, Duration.ofHours(1)),
                waiting("short", 1, 0, Duration.ofMinutes(30))), NOW);

        assertThat(start).containsExactly("short");
    }

    @Test
    void doesNotBackfillAJobThatWouldDelayTheBlockedJob() {
        // the head needs all 4 cores when the running job ends: a 2-hour job on the free core would delay it
        List<String> start = Backfill.plan(4, 1000, List.of(running(3, 0, Duration.ofHours(1))), List.of(
                waiting("head", 4, 0, Duration.ofHours(1)),
                waiting("long", 1, 0, Duration.ofHours(2))), NOW);

        assertThat(start).isEmpty();
    }

    @Test
    void backfillsALongJobIntoCoresTheBlockedJobLeavesOver() {
        // 8 cores, 6 busy for an hour: head needs 4, at the shadow time 8 are free, so 4 are spare
        List<String> start = Backfill.plan(8, 1000, List.of(running(6, 0, Duration.ofHours(1))), List.of(
                waiting("head", 4, 0, Duration.ofHours(1)),
                waiting("long1", 1, 0, Duration.ofHours(5)),
                waiting("long2", 1, 0, Duration.ofHours(5))), NOW);

        assertThat(start).containsExactly("long1", "long2");
    }

    @Test
    void sparesAtTheShadowTimeAreUsedUpByLongBackfills() {
        // 4 cores, 3 busy for an hour: head needs 3 of the 4 then, so one long job may run beside it, not two
        List<String> start = Backfill.plan(4, 1000, List.of(running(2, 0, Duration.ofHours(1)),
                        running(1, 0, Duration.ofHours(3))), List.of(
                waiting("head", 3, 0, Duration.ofHours(1)),
                waiting("long1", 1, 0, Duration.ofHours(5))), NOW);

        // at the shadow (1 h) 3 cores are free: head takes 3, nothing spare, and long1 ends after it
        assertThat(start).isEmpty();
    }

    @Test
    void memoryBlocksAndReservesLikeCores() {
        List<String> start = Backfill.plan(8, 1000, List.of(running(1, 800, Duration.ofHours(1))), List.of(
                waiting("big", 1, 500, Duration.ofHours(1)),
                waiting("small-long", 1, 100, Duration.ofHours(2)),
                waiting("small-short", 1, 100, Duration.ofMinutes(10))), NOW);

        // at the shadow 1000 MB are free, big takes 500: 500 spare, so both small ones fit
        assertThat(start).containsExactly("small-long", "small-short");
    }

    @Test
    void longBackfillMustFitInTheSpareMemoryToo() {
        List<String> start = Backfill.plan(8, 1000, List.of(running(1, 800, Duration.ofHours(1))), List.of(
                waiting("big", 1, 900, Duration.ofHours(1)),
                waiting("long", 1, 150, Duration.ofHours(2)),
                waiting("short", 1, 150, Duration.ofMinutes(10))), NOW);

        assertThat(start).containsExactly("short");
    }

    @Test
    void anOverrunningJobIsExpectedToEndNowNotInThePast() {
        // the running job overran its estimate: the head's shadow is now, so no backfill that takes time
        List<String> start = Backfill.plan(2, 1000, List.of(running(1, 0, Duration.ofMinutes(-5))), List.of(
                waiting("head", 2, 0, Duration.ofHours(1)),
                waiting("one", 1, 0, Duration.ofSeconds(1))), NOW);

        assertThat(start).isEmpty();
    }

    @Test
    void aHeadThatCanNeverFitDoesNotBlockTheOthers() {
        List<String> start = Backfill.plan(2, 1000, List.of(), List.of(
                waiting("too-big", 4, 0, Duration.ofHours(1)),
                waiting("fits", 1, 0, Duration.ofHours(9))), NOW);

        assertThat(start).containsExactly("fits");
    }

    @Test
    void nothingStartsWhenEveryCoreIsBusy() {
        List<String> start = Backfill.plan(2, 1000, List.of(running(2, 0, Duration.ofHours(1))), List.of(
                waiting("a", 1, 0, Duration.ofSeconds(1))), NOW);

        assertThat(start).isEmpty();
    }
}
