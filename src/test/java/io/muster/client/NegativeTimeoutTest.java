package io.muster.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regression (black-box probe): a negative timeout timed out at once, "has not ended after -5 s". */
class NegativeTimeoutTest {

    private static final Duration MINUS_FIVE = Duration.ofSeconds(-5);

    @Test
    void awaitOfAJobRefusesANegativeTimeoutNamingIt() {
        JobHandle job = new JobHandle(null, "request-1", "true");

        assertThatThrownBy(() -> job.await(MINUS_FIVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative: PT-5S");
    }

    @Test
    void awaitAllRefusesANegativeTimeoutEvenWithNoJobs() {
        assertThatThrownBy(() -> Jobs.awaitAll(List.of(), MINUS_FIVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }
}
