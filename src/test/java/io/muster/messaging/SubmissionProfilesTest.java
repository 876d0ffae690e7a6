package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import io.muster.options.OptionResolver;
import io.muster.options.Profiles;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The submission rules with profiles and the local pool's limits; no broker needed. */
class SubmissionProfilesTest {

    private static final Path WORK_ROOT = Path.of("/srv/muster/data");

    private static Submissions rules(Profiles profiles, int cores, long memoryMb) {
        Schedulers schedulers = new Schedulers();
        schedulers.register(new LocalScheduler(cores, memoryMb));
        return new Submissions(new OptionResolver(profiles, WORK_ROOT), schedulers, WORK_ROOT);
    }

    @Test
    void mergesANamedConfiguredProfileIntoTheJob() {
        Profiles profiles = Profiles.of(Map.of("tiny", Map.of("mem", 50)));
        Submissions.Outcome outcome = rules(profiles, 4, 8000).read("{\"command\":\"true\",\"profile\":\"tiny\"}");
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.job().options()).containsEntry("mem", 50L).containsEntry("cores", 1);
        assertThat(outcome.job().profile()).isEqualTo("tiny");
    }

    @Test
    void rejectsAnUnknownProfileNamingIt() {
        Submissions.Outcome outcome = rules(Profiles.builtIn(), 4, 8000).read("{\"command\":\"true\",\"profile\":\"x\"}");
        assertThat(outcome.violations()).extracting(Violation::option).containsExactly("profile");
    }

    @Test
    void rejectsMoreCoresOrMemoryThanTheLocalPoolHasAtSubmission() {
        Submissions.Outcome outcome = rules(Profiles.builtIn(), 2, 1000)
                .read("{\"command\":\"true\",\"backend\":\"local\",\"options\":{\"cores\":3,\"mem\":\"2GB\"}}");
        assertThat(outcome.violations()).extracting(Violation::option).containsExactlyInAnyOrder("cores", "mem");
    }

    @Test
    void dropsTheDefaultProfilesMemoryOnAPoolSmallerThanItInsteadOfRejectingTheJob() {
        Submissions.Outcome outcome = rules(Profiles.builtIn(), 2, 3000).read("{\"command\":\"true\"}");
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.job().options()).doesNotContainKey("mem").containsEntry("time", "04:00:00");
    }

    @Test
    void keepsRejectingMemoryTheUserAskedForThroughANamedProfile() {
        Profiles profiles = Profiles.of(Map.of("big", Map.of("mem", "8GB")));
        assertThat(rules(profiles, 2, 3000).read("{\"command\":\"true\",\"profile\":\"big\"}").violations())
                .extracting(Violation::option).containsExactly("mem");
    }

    @Test
    void keepsAConfiguredDefaultMemoryThatFits() {
        Profiles profiles = Profiles.of(Map.of("DEFAULT", Map.of("mem", 1000)));
        assertThat(rules(profiles, 2, 3000).read("{\"command\":\"true\"}").job().options()).containsEntry("mem", 1000L);
    }
}
