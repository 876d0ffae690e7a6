package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.config.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest {

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void emptyConfig() {
        config = dir.resolve("muster.toml");
    }

    /** No server listens there: the edits must not reach a server a developer runs on this machine. */
    static final String NO_SERVER = "--url=tcp://127.0.0.1:1";

    private Cli profile(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "profile";
        full[1] = args[0];
        full[2] = "--config=" + config;
        full[3] = NO_SERVER;
        System.arraycopy(args, 1, full, 4, args.length - 1);
        return Cli.run(full);
    }

    private JsonNode table(String name) {
        return ConfigFile.open(config).tree().path("profiles").path(name);
    }

    @Test
    void listsTheBuiltInProfilesDefaultFirst() {
        Cli cli = profile("list");
        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.out().lines().map(l -> l.split(" ")[0])).containsExactly("DEFAULT", "large", "long", "small", "small_clean");
        assertThat(cli.out()).contains("DEFAULT  (built in)  cores=1 nodes=1 mem=4000 time=\"04:00:00\"");
    }

    @Test
    void addsAProfileWithTypedNormalisedValues() {
        Cli cli = profile("add", "gpu", "cores=8", "memory=16GB", "exclusive=true", "modules=cuda,gcc", "partition=gpu");
        assertThat(cli.exit()).as(cli.err()).isZero();
        JsonNode gpu = table("gpu");
        assertThat(gpu.path("cores").isInt()).isTrue();
        assertThat(gpu.path("cores").intValue()).isEqualTo(8);
        assertThat(gpu.path("mem").longValue()).isEqualTo(16384);
        assertThat(gpu.path("exclusive").isBoolean()).isTrue();
        assertThat(gpu.path("modules").isArray()).isTrue();
        assertThat(gpu.path("partition").textValue()).isEqualTo("gpu");
        assertThat(profile("show", "gpu").out()).contains("cores = 8\n").contains("exclusive = true\n")
                .contains("# time = \"04:00:00\"");
    }

    @Test
    void refusesToAddAProfileThatExists() {
        Cli cli = profile("add", "large", "cores=2");
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("exists already");
    }

    /**
     * Regression (black-box probe): {@code profile update p mem=1GB memory=2GB} saved mem=2048, the
     * last of the two, without a word; now the option given twice is named with both and nothing is saved.
     */
    @Test
    void givenTheSameOptionTwiceBySynonym_whenAdded_thenBothAreNamedAndNothingIsSaved() {
        Cli cli = profile("add", "p", "mem=1GB", "memory=2GB");
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("option mem is given twice, as 'mem=1GB' and as 'memory=2GB'; give it once");
        assertThat(Files.exists(config)).isFalse();
    }

    @Test
    void refusesABadValueWithoutTouchingTheFile() {
        Cli cli = profile("add", "p", "mem=lots");
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("mem 'lots' is not a size");
        assertThat(Files.exists(config)).isFalse();
    }

    @Test
    void givenTwoBadValues_whenAdded_thenBothAreReportedAndNothingIsSaved() {
        Cli cli = profile("add", "p", "mem=lots", "corse=3");

        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("mem 'lots' is not a size", "corse is an unknown option; did you mean cores?",
                "profile p not saved: 2 bad values");
        assertThat(Files.exists(config)).isFalse();
    }

    @Test
    void givenFyrdsFileOptions_whenAddedToAProfile_thenEachIsRefusedAsInASubmission() {
        Cli cli = profile("add", "bad2", "scriptpath=x", "outpath=y", "suffix=z");

        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("scriptpath 'x' ", "outpath 'y' ", "suffix 'z' ", "not saved: 3 bad values");
        assertThat(Files.exists(config)).isFalse();
    }

    @Test
    void givenAnAbsoluteRunpath_whenAdded_thenThePathIsLeftToTheServersWorkRoot() {
        Cli cli = profile("add", "elsewhere", "runpath=/opt/muster-data/project");

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(table("elsewhere").path("runpath").textValue()).isEqualTo("/opt/muster-data/project");
    }

    @Test
    void refusesAValueThatCouldInjectADirective() {
        Cli cli = profile("add", "p", "partition=a;reboot");
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("must be a single token");
    }

    @Test
    void updatesABuiltInProfileAndDeletingItRestoresTheBuiltInValues() {
        assertThat(profile("update", "large", "cores=32").exit()).isZero();
        assertThat(profile("show", "large").out()).contains("cores = 32").contains("mem = 32000")
                .contains("built in, changed");
        Cli deleted = profile("delete", "large");
        assertThat(deleted.exit()).isZero();
        assertThat(deleted.out()).contains("reset profile large");
        assertThat(profile("show", "large").out()).contains("cores = 16");
    }

    @Test
    void resetsDefaultWhenDeleted() {
        profile("update", "DEFAULT", "mem=1000");
        assertThat(profile("show", "DEFAULT").out()).contains("mem = 1000");
        assertThat(profile("delete", "DEFAULT").exit()).isZero();
        assertThat(profile("show", "DEFAULT").out()).contains("mem = 4000");
    }

    @Test
    void refusesToUpdateAProfileThatDoesNotExist() {
        Cli cli = profile("update", "nope", "cores=2");
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("'nope' is not a profile; known profiles: DEFAULT, large, long, small, small_clean");
    }

    @Test
    void removesOneOptionBySynonym() throws IOException {
        profile("add", "p", "cores=2", "mem=100");
        Cli cli = profile("remove-option", "p", "memory");
        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(table("p").has("mem")).isFalse();
        assertThat(table("p").path("cores").intValue()).isEqualTo(2);
        assertThat(Files.readString(config)).doesNotContain("mem");
    }

    @Test
    void explainsThatABuiltInValueCannotBeRemoved() {
        Cli cli = profile("remove-option", "large", "cores");
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("cores of profile large is built in");
    }

    @Test
    void deletesAConfiguredProfile() {
        profile("add", "p", "cores=2");
        assertThat(profile("delete", "p").exit()).isZero();
        assertThat(profile("show", "p").exit()).isEqualTo(1);
        assertThat(profile("delete", "p").exit()).isEqualTo(1);
    }
}
