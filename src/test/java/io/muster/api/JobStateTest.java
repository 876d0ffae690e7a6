package io.muster.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStateTest {

    @Test
    void everyStateHasALineInTheTransitionTable() {
        assertThat(JobState.TRANSITIONS.keySet()).containsExactlyInAnyOrder(JobState.values());
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY",
            "NODE_FAIL", "DEPENDENCY_FAILED", "LOST", "REJECTED"})
    void finalStatesGoNowhere(JobState state) {
        assertThat(state.isFinal()).isTrue();
        for (JobState next : JobState.values()) {
            assertThat(state.canMoveTo(next)).as("%s -> %s", state, next).isFalse();
        }
    }

    @Test
    void aShortJobMayGoFromQueuedStraightToCompletedBetweenTwoPolls() {
        assertThat(JobState.QUEUED.canMoveTo(JobState.COMPLETED)).isTrue();
    }

    @Test
    void nothingMovesBackToAccepted() {
        for (JobState state : JobState.values()) {
            assertThat(state.canMoveTo(JobState.ACCEPTED)).as("%s -> ACCEPTED", state).isFalse();
        }
    }

    @Test
    void noBackendCanRejectAJobThatWasAccepted() {
        for (JobState state : EnumSet.allOf(JobState.class)) {
            assertThat(state.canMoveTo(JobState.REJECTED)).isFalse();
        }
    }

    @Test
    void anIllegalMoveNamesBothStates() {
        assertThatThrownBy(() -> JobState.checkMove(JobState.COMPLETED, JobState.RUNNING))
                .isInstanceOf(IllegalStateTransitionException.class)
                .hasMessageContaining("COMPLETED").hasMessageContaining("RUNNING");
    }

    @Test
    void groupsFollowFyrdsCategories() {
        assertThat(JobState.RUNNING.group()).isEqualTo(JobState.Group.ACTIVE);
        assertThat(JobState.COMPLETED.group()).isEqualTo(JobState.Group.GOOD);
        assertThat(JobState.DEPENDENCY_FAILED.group()).isEqualTo(JobState.Group.BAD);
        assertThat(JobState.PREEMPTED.group()).isEqualTo(JobState.Group.UNCERTAIN);
    }

    @Test
    void jobIdsAreUniqueAndCheckedForForm() {
        assertThat(JobId.generate()).isNotEqualTo(JobId.generate());
        assertThat(JobId.looksLikeJobId(JobId.generate().value())).isTrue();
        assertThat(JobId.looksLikeJobId("12345")).isFalse();
        assertThatThrownBy(() -> JobId.of("x; rm -rf /")).hasMessageContaining("not a Muster job id");
    }
}
