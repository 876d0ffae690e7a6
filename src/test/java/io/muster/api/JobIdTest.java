package io.muster.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobIdTest {

    @Test
    void idsMadeInOneBurstSortInTheOrderTheyWereMade() {
        // many ids within the same few milliseconds
        List<JobId> made = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            made.add(JobId.generate());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void rejectsTextThatIsNotAJobId() {
        assertThatThrownBy(() -> JobId.of("../etc")).hasMessageContaining("not a Muster job id: '../etc'");
        assertThat(JobId.looksLikeJobId(JobId.generate().value())).isTrue();
    }
}
