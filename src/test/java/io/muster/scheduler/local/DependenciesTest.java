package io.muster.scheduler.local;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.scheduler.SchedulerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependenciesTest {

    private final Dependencies dependencies = new Dependencies();
    private final List<String> failed = new ArrayList<>();
    private final List<PoolJob> ready = new ArrayList<>();

    private static PoolJob job(io.muster.scheduler.ASubmission given) {
        return new PoolJob(given.build(), true);
    }

    private void end(String id, JobState state, Set<String> live) {
        dependencies.ended(id, SchedulerStatus.of(state), live::contains, (d, why) -> failed.add(d.id + ": " + why),
                ready::add);
    }

    @Test
    void anAfterokDependantWaitsForEveryDependencyAndIsReadyWhenAllCompleted() {
        PoolJob dependant = job(aJob().after("a", "b"));

        assertThat(dependencies.register(dependant, Set.of("a", "b")::contains, id -> Optional.empty())).isEmpty();
        end("a", JobState.COMPLETED, Set.of(dependant.id));
        assertThat(ready).isEmpty();
        end("b", JobState.COMPLETED, Set.of(dependant.id));

        assertThat(ready).containsExactly(dependant);
        assertThat(failed).isEmpty();
    }

    @Test
    void anAfterokDependantFailsWhenADependencyEndsOtherwiseAndAnAfteranyOneDoesNot() {
        PoolJob afterok = job(aJob().after("a"));
        PoolJob afterany = job(aJob().afterAny("a"));
        dependencies.register(afterok, "a"::equals, id -> Optional.empty());
        dependencies.register(afterany, "a"::equals, id -> Optional.empty());

        end("a", JobState.FAILED, Set.of(afterok.id, afterany.id));

        assertThat(failed).containsExactly(afterok.id + ": dependency a ended FAILED");
        assertThat(ready).containsExactly(afterany);
    }

    @Test
    void saysWhyAJobCanNeverRunAtOnce() {
        Map<String, JobState> elsewhere = Map.of("gone", JobState.CANCELLED);
        PoolJob unknown = job(aJob().after("nobody"));
        PoolJob onAFailure = job(aJob().after("gone"));

        assertThat(dependencies.register(unknown, id -> false, id -> Optional.ofNullable(elsewhere.get(id))))
                .contains("dependency nobody is not known to the local pool");
        assertThat(dependencies.register(onAFailure, id -> false, id -> Optional.ofNullable(elsewhere.get(id))))
                .contains("dependency gone ended CANCELLED");
    }

    @Test
    void waitsForADependencyKnownElsewhereThatHasNotEnded() {
        PoolJob dependant = job(aJob().after("later"));

        assertThat(dependencies.register(dependant, id -> false, id -> Optional.of(JobState.RUNNING))).isEmpty();
        assertThat(dependant.pendingDependencies).containsExactly("later");
    }

    @Test
    void aJobThatEndedIsNoLongerSettledByItsDependencies() {
        PoolJob dependant = job(aJob().after("a"));
        dependencies.register(dependant, "a"::equals, id -> Optional.empty());

        dependencies.forget(dependant);
        end("a", JobState.FAILED, Set.of(dependant.id));

        assertThat(failed).isEmpty();
    }
}
