package io.muster.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.muster.api.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void holdsEveryFyrdKeywordAndSynonym() {
        List<String> fyrd = List.of("depends", "depend", "dependency", "dependencies", "clean_files", "delete_files",
                "cleanfiles", "delfiles", "clean_outputs", "delete_outputs", "cleanouts", "delouts", "deloutputs",
                "cleanoutputs", "cores", "cpus", "threads", "nodes", "modules", "scriptpath", "filedir", "filepath",
                "scriptdir", "outpath", "runpath", "dir", "path", "suffix", "outfile", "stdout", "errfile", "stderr",
                "features", "qos", "time", "walltime", "mem", "memory", "partition", "queue", "account", "export",
                "begin", "imports", "syspaths", "syspath", "paths");
        assertThat(fyrd).allSatisfy(k -> assertThat(Keywords.find(k)).as(k).isPresent());
    }

    @Test
    void holdsWhatASlurmOrPbsUserExpectsBeyondFyrd() {
        assertThat(Keywords.names()).contains("gpus", "array", "mail", "requeue", "exclusive", "extra");
    }

    @Test
    void findsKeywordsWhateverTheirCase() {
        assertThat(Keywords.find("Memory")).map(Keyword::name).contains("mem");
    }

    @Test
    void checksEveryKeywordsValueByItsKindAloneWithTheKindsOwnWords() {
        OptionResolver resolver = new OptionResolver();
        for (Keyword k : Keywords.all()) {
            if (Keywords.refusal(k.name()).isPresent()) {
                continue; // refused by name before any value is looked at
            }
            String bad = "x\ny";
            String kindSays = catchThrowableOfType(() -> k.kind().check(bad, null), IllegalArgumentException.class)
                    .getMessage();

            assertThat(resolver.resolve(Map.of(k.name(), bad)).violations()).as(k.name())
                    .containsExactly(Violation.of(k.name(), bad, kindSays));
        }
    }

    @Test
    void describesEveryKeyword() {
        // how every backend expresses every keyword: BackendsTest, over each backend's own column
        assertThat(Keywords.all()).allSatisfy(k -> assertThat(k.help()).as(k.name()).isNotBlank());
    }

    @Test
    void takesItsDefaultProfileFromTheKeywordsDefaults() {
        assertThat(Profiles.builtIn().find(Profiles.DEFAULT).orElseThrow().own()).isEqualTo(Keywords.defaults());
    }
}
