package io.muster.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemoryNormalisationTest {

    private final OptionResolver resolver = new OptionResolver();

    private long memOf(Object value) {
        Resolution r = resolver.resolve(Map.of("mem", value));
        assertThat(r.violations()).isEmpty();
        return r.options().memMb();
    }

    @Test
    void readsABareIntegerAsMegabytes() {
        assertThat(memOf(4000)).isEqualTo(4000);
    }

    @Test
    void acceptsMemoryAsASynonymOfMem() {
        Resolution r = resolver.resolve(Map.of("memory", 4000));
        assertThat(r.options().normalised()).containsEntry("mem", 4000L);
    }

    @ParameterizedTest(name = "{0} is {1} MB")
    @CsvSource({"4000mB, 4000", "4GB, 4096", "4TB, 4194304", "40000KB, 39", "4.5GB, 4608", "4g, 4096",
            "20480k, 20", "512 MB, 512", "1t, 1048576", "4000, 4000"})
    void readsUnitsInAnyCaseAsPowersOf1024(String value, long mb) {
        assertThat(memOf(value)).isEqualTo(mb);
    }

    @ParameterizedTest(name = "{0} becomes 5 MB")
    @ValueSource(strings = {"4000b", "1kb", "3", "0.1mb"})
    void roundsAnythingUnderFiveMegabytesUpToFiveBecauseSlurmReadsZeroAsAllMemory(String value) {
        assertThat(memOf(value)).isEqualTo(MemorySize.MINIMUM_MB);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"bob", "4000zb", "4000tb0", "tb0", "tb", "", "-1", "4,5GB"})
    void rejectsTextThatIsNotASizeNamingMemAndTheValue(String value) {
        Resolution r = resolver.resolve(Map.of("mem", value));
        assertThat(r.accepted()).isFalse();
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("mem");
            assertThat(v.value()).isEqualTo(value);
            assertThat(v.message()).startsWith("mem '" + value + "' ");
        });
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(ints = {-1, 0})
    void rejectsZeroAndNegativeNumbers(int value) {
        Resolution r = resolver.resolve(Map.of("mem", value));
        assertThat(r.violations()).singleElement().satisfies(v ->
                assertThat(v.message()).startsWith("mem " + value + " must be a positive size"));
    }

    @Test
    void namesTheUnknownUnit() {
        assertThatThrownBy(() -> MemorySize.parseMb("4XB")).hasMessageContaining("unknown unit 'XB'");
    }

    @Test
    void refusesSizesBeyondAnyMachineInsteadOfOverflowing() {
        assertThatThrownBy(() -> MemorySize.parseMb("99999999999999999999tb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than");
    }
}
