package io.muster.options;

import static io.muster.options.OptionsBuilder.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import org.junit.jupiter.api.Test;

class ViolationsTogetherTest {

    @Test
    void reportsEveryBadOptionAtOnceEachWithOptionValueAndMessage() {
        Resolution r = new OptionResolver().resolve(options().with("corse", 2).with("mem", "4XB")
                .with("partition", "a\n#SBATCH --uid=0").build());
        assertThat(r.accepted()).isFalse();
        assertThat(r.violations()).hasSize(3);
        assertThat(r.violations()).extracting(Violation::option).containsExactlyInAnyOrder("corse", "mem", "partition");
        assertThat(r.violations()).extracting(Violation::value).containsExactlyInAnyOrder("2", "4XB",
                "a\n#SBATCH --uid=0");
        assertThat(r.violations()).allSatisfy(v -> assertThat(v.message()).startsWith(v.option()).doesNotContain("\n"));
    }

    @Test
    void acceptsGoodOptionsWithNoViolations() {
        Resolution r = new OptionResolver().resolve(OptionsBuilder.golden().build());
        assertThat(r.accepted()).isTrue();
        assertThat(r.violations()).isEmpty();
    }
}
