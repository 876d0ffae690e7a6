package io.muster.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.JobState;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateFilterTest {

    @Test
    void activeAndDoneSplitEveryStateBetweenThem() {
        Set<JobState> active = StateFilter.ACTIVE.states();
        Set<JobState> done = StateFilter.DONE.states();

        assertThat(active).doesNotContainAnyElementsOf(done);
        Set<JobState> both = EnumSet.copyOf(active);
        both.addAll(done);
        assertThat(both).isEqualTo(EnumSet.allOf(JobState.class));
        assertThat(done).allMatch(JobState::isFinal);
    }

    @Test
    void queuedAndRunningAreActiveAndDisjoint() {
        assertThat(StateFilter.ACTIVE.states()).containsAll(StateFilter.QUEUED.states())
                .containsAll(StateFilter.RUNNING.states());
        assertThat(StateFilter.QUEUED.states()).doesNotContainAnyElementsOf(StateFilter.RUNNING.states());
    }

    @Test
    void completedAndFailedMakeDone() {
        Set<JobState> union = EnumSet.copyOf(StateFilter.COMPLETED.states());
        union.addAll(StateFilter.FAILED.states());

        assertThat(union).isEqualTo(StateFilter.DONE.states());
        assertThat(StateFilter.FAILED.states()).allMatch(s -> s.group() == JobState.Group.BAD);
    }

    @Test
    void parsesAnyCaseAndNamesTheChoicesForAnUnknownView() {
        assertThat(StateFilter.parse("Running")).isEqualTo(StateFilter.RUNNING);
        assertThatThrownBy(() -> StateFilter.parse("sleeping")).hasMessageContaining("'sleeping'")
                .hasMessageContaining("running");
    }
}
