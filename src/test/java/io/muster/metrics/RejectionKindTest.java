package io.muster.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reason label of {@code muster_submissions_total{outcome="rejected"}}: the kind of the first violation. */
class RejectionKindTest {

    private static String kind(String subject) {
        return MusterMetrics.reasonKind(List.of(new Violation(subject, "x", subject + " 'x' is wrong")));
    }

    @Test
    void givenTheSubjectOfTheFirstViolationTheKindNamesIt() {
        assertThat(kind("body")).isEqualTo("body");
        assertThat(kind("command")).isEqualTo("command");
        assertThat(kind("profile")).isEqualTo("profile");
        assertThat(kind("user")).isEqualTo("user");
        assertThat(kind("mem")).isEqualTo("option");
        assertThat(kind("memory")).as("a synonym is a catalogue option").isEqualTo("option");
        assertThat(kind("corse")).isEqualTo("unknown_option");
        assertThat(MusterMetrics.reasonKind(List.of())).isEqualTo("unknown");
    }
}
