package io.muster.scheduler.local;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.Violation;
import org.junit.jupiter.api.Test;

class PoolAccountTest {

    private final PoolAccount account = new PoolAccount(4, 8000);

    private static PoolJob job(int cores, String mem) {
        return new PoolJob(aJob().with("cores", cores).with("mem", mem).build(), true);
    }

    @Test
    void aHeldJobTakesItsCoresAndMemoryUntilReleasedOnce() {
        PoolJob job = job(3, "2000MB");

        account.hold(job);
        account.hold(job);

        assertThat(account.freeCores()).isEqualTo(1);
        assertThat(account.freeMemMb()).isEqualTo(6000);
        account.release(job);
        account.release(job);
        assertThat(account.busyCores()).isZero();
        assertThat(account.busyMemMb()).isZero();
    }

    /** The pool starts a job as soon as its cores are free: it would run before the time asked. */
    @Test
    void refusesBeginNamingTheOptionAndTheLocalPool() {
        assertThat(account.check(aJob().with("begin", "2030-01-02T03:04").build().options())).singleElement()
                .satisfies(v -> {
                    assertThat(v.option()).isEqualTo("begin");
                    assertThat(v.message()).contains("begin").contains("local pool").contains("2030-01-02T03:04");
                });
    }

    @Test
    void refusesOptionsThePoolCouldNeverGiveNamingEach() {
        assertThat(account.check(aJob().with("cores", 5).with("mem", "9000MB").with("nodes", 2).build().options()))
                .extracting(Violation::option).containsExactly("cores", "mem", "nodes");
        assertThat(account.check(aJob().with("cores", 4).build().options())).isEmpty();
    }

    @Test
    void rejectsAPoolWithoutACoreOrMemory() {
        assertThatThrownBy(() -> new PoolAccount(0, 100)).hasMessageContaining("at least 1 core and 1 MB");
    }
}
