package io.muster.options;

import static io.muster.options.OptionsBuilder.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.Violation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilesTest {

    private static Map<String, Object> normalised(OptionResolver resolver, OptionsBuilder given, String profile) {
        Resolution r = resolver.resolve(given.build(), profile);
        assertThat(r.violations()).isEmpty();
        return r.options().normalised();
    }

    @Test
    void givesEveryJobTheBuiltInDefaults() {
        assertThat(normalised(new OptionResolver(), options(), null)).isEqualTo(
                Map.of("nodes", 1, "cores", 1, "mem", 4000L, "time", "04:00:00"));
    }

    @Test
    void letsANamedProfileOverrideDefaultAndInheritTheRest() {
        Profiles profiles = Profiles.of(Map.of("DEFAULT", Map.of("partition", "short")));
        assertThat(normalised(new OptionResolver(profiles, null), options(), "large"))
                .containsEntry("cores", 16).containsEntry("nodes", 1).containsEntry("partition", "short");
    }

    /** fyrd's DEFAULT_PROFILES, value for value: a fyrd user's profile="large" must not lose 20 hours. */
    @Test
    void builtInProfilesHaveFyrdsValues() {
        OptionResolver r = new OptionResolver();
        assertThat(normalised(r, options(), "large")).isEqualTo(
                Map.of("nodes", 1, "cores", 16, "mem", 32000L, "time", "24:00:00"));
        assertThat(normalised(r, options(), "small")).isEqualTo(
                Map.of("nodes", 1, "cores", 1, "mem", 1000L, "time", "01:00:00"));
        assertThat(normalised(r, options(), "long")).isEqualTo(
                Map.of("nodes", 1, "cores", 1, "mem", 4000L, "time", "96:00:00"));
        assertThat(normalised(r, options(), "small_clean")).isEqualTo(Map.of("nodes", 1, "cores", 1, "mem", 1000L,
                "time", "01:00:00", "clean_files", true, "clean_outputs", true));
    }

    @Test
    void letsExplicitOptionsWinOverTheProfile() {
        assertThat(normalised(new OptionResolver(), options().with("cores", 2), "large")).containsEntry("cores", 2);
    }

    @Test
    void mergesExplicitOverNamedOverConfiguredDefaultOverBuiltIn() {
        Profiles profiles = Profiles.of(Map.of(
                "DEFAULT", Map.of("mem", "1GB", "partition", "short", "account", "lab"),
                "big", Map.of("mem", "64GB", "partition", "long")));
        OptionResolver resolver = new OptionResolver(profiles, null);
        assertThat(normalised(resolver, options().with("account", "me"), "big"))
                .containsEntry("account", "me")          // explicit
                .containsEntry("partition", "long")      // named profile
                .containsEntry("mem", 65536L)            // named profile over configured DEFAULT
                .containsEntry("cores", 1)               // built-in default
                .containsEntry("time", "04:00:00");
        assertThat(normalised(resolver, options(), null)).containsEntry("mem", 1024L).containsEntry("partition", "short");
    }

    @Test
    void letsAConfiguredTableChangeABuiltInProfileKeepingItsOtherValues() {
        Profiles profiles = Profiles.of(Map.of("large", Map.of("cores", 32)));
        Profile large = profiles.find("large").orElseThrow();
        assertThat(large.own()).containsEntry("cores", 32).containsEntry("mem", 32000L).containsEntry("time", "24:00:00");
        assertThat(large.origin()).isEqualTo(Profile.Origin.BUILT_IN_AND_CONFIGURED);
    }

    @Test
    void rejectsAnUnknownProfileNamingItAndStillChecksTheOptions() {
        Resolution r = new OptionResolver().resolve(options().with("cores", 0).build(), "hueg");
        assertThat(r.violations()).extracting(Violation::option).containsExactly("cores", "profile");
        assertThat(r.violations().get(1).message()).contains("'hueg'").contains("DEFAULT, large, long, small, small_clean");
    }

    @Test
    void listsDefaultFirstThenByName() {
        Profiles profiles = Profiles.of(Map.of("alpha", Map.of("cores", 2)));
        assertThat(profiles.all()).extracting(Profile::name).containsExactly("DEFAULT", "alpha", "large", "long", "small", "small_clean");
    }

    @Test
    void normalisesConfiguredValuesAndSynonyms() {
        Profiles profiles = Profiles.of(Map.of("p", Map.of("memory", "2GB", "walltime", "1-0")));
        assertThat(profiles.find("p").orElseThrow().own()).isEqualTo(Map.of("mem", 2048L, "time", "24:00:00"));
    }

    @Test
    void reportsEveryBadProfileValueWithItsPlace() {
        assertThatThrownBy(() -> Profiles.of(Map.of("p", Map.of("mem", "lots", "corse", 2))))
                .hasMessageContaining("profiles.p.mem: 'lots' is not a size")
                .hasMessageContaining("profiles.p.corse: is not an option; did you mean cores?");
    }

    @Test
    void givenFyrdsFileOptions_whenInAProfile_thenEachIsRefusedNamingIt() {
        assertThatThrownBy(() -> Profiles.of(Map.of("bad2", Map.of("scriptpath", "x", "outpath", "y", "suffix", "z"))))
                .hasMessageContaining("profiles.bad2.scriptpath: 'x' ")
                .hasMessageContaining("profiles.bad2.outpath: 'y' ")
                .hasMessageContaining("profiles.bad2.suffix: 'z' ");
    }

    @Test
    void refusesAProfileNameThatCouldNotBeATomlTable() {
        assertThatThrownBy(() -> Profiles.of(Map.of("a.b", Map.of()))).hasMessageContaining("profiles.a.b");
    }

    @Test
    void marksWhatOnlyTheDefaultProfileSet() {
        JobOptions plain = new OptionResolver().resolve(options().with("cores", 2).build()).options();
        assertThat(plain.defaulted()).containsExactlyInAnyOrder("nodes", "mem", "time");
        JobOptions large = new OptionResolver().resolve(options().build(), "large").options();
        assertThat(large.defaulted()).containsExactlyInAnyOrder("nodes");
        assertThat(large.without("mem").normalised()).doesNotContainKey("mem").containsEntry("cores", 16);
    }
}
