package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.options.Keywords;
import org.junit.jupiter.api.Test;

class KeywordsCommandTest {

    @Test
    void printsTheWholeCatalogueAsAPlainTable() {
        Cli cli = Cli.run("keywords");
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("option", "synonyms", "Slurm", "Torque/PBS", "Grid Engine", "local pool");
        for (String name : Keywords.names()) {
            assertThat(cli.out()).containsPattern("(?m)^" + name + " ");
        }
        assertThat(cli.out()).contains("--cpus-per-task=C").contains("-l mem=NMB").contains("-l h_rt=HH:MM:SS");
    }

    @Test
    void printsTheCatalogueAsAMarkdownTable() {
        Cli cli = Cli.run("keywords", "--format", "markdown");
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).startsWith("| option | synonyms | type | default | Slurm | Torque/PBS | Grid Engine | local pool | description |\n|---|");
        assertThat(cli.out()).contains("| `mem` | memory | ").contains("`--mem=N`");
        long rows = cli.out().lines().filter(l -> l.startsWith("| `")).count();
        assertThat(rows).isEqualTo(Keywords.names().size());
    }

    @Test
    void describesOneOptionFoundBySynonym() {
        Cli cli = Cli.run("keywords", "memory");
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).startsWith("mem (synonyms: memory)").contains("default:    4000")
                .contains("Slurm:       --mem=N").contains("Torque/PBS:  -l mem=NMB")
                .contains("Grid Engine: -l h_vmem=NM (per core; sge.memory)").contains("local pool:  reserved");
    }

    @Test
    void suggestsTheOptionAMisspeltNameMeant() {
        Cli cli = Cli.run("keywords", "corse");
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("corse is not an option; did you mean cores?");
    }

    @Test
    void readmeShowsTheCatalogueExactlyAsTheCommandPrintsIt() throws java.io.IOException {
        String table = Cli.run("keywords", "--format", "markdown").out().lines()
                .takeWhile(l -> l.startsWith("|")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("README.md")))
                .as("README's Options table; regenerate it with muster keywords --format markdown").contains(table);
    }

    @org.junit.jupiter.api.Test
    void issue12_whatKeywordsSaysOfNodesOnTheLocalPoolIsWhatThePoolDoes() {
        Cli cli = Cli.run("keywords", "nodes");

        try (var pool = new io.muster.scheduler.local.LocalScheduler(2, 1024)) {
            var twoNodes = io.muster.options.JobOptions.fromNormalised(java.util.Map.of("nodes", 2, "cores", 1));
            assertThat(pool.check(twoNodes)).extracting(io.muster.api.Violation::option).containsExactly("nodes");
        }
        assertThat(cli.out().lines().filter(l -> l.startsWith("  local pool:")))
                .containsExactly("  local pool:  one machine: more than 1 is refused");
    }
}
