package io.muster.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.config.ConfigException;
import io.muster.config.ConfigLoader;
import io.muster.config.GridSettings;
import io.muster.config.MusterConfig;
import io.muster.options.Directive;
import io.muster.options.JobOptions;
import io.muster.options.Keyword;
import io.muster.options.Keywords;
import io.muster.scheduler.GridBackend;
import io.muster.scheduler.sge.SgeDialect;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {

    @TempDir
    Path dir;

    private MusterConfig load(String toml, Map<String, String> env) throws Exception {
        Path file = Files.writeString(dir.resolve("muster.toml"), toml);
        Map<String, String> withHome = new HashMap<>(env);
        withHome.put("MUSTER_HOME", dir.toString());
        return ConfigLoader.load(file, withHome, true);
    }

    @Test
    void listsTheLocalPoolThenEveryClusterSchedulerInPreferenceOrder() {
        assertThat(Backends.names()).containsExactly("local", "slurm", "torque", "sge");
        assertThat(Backends.title("sge")).isEqualTo("Grid Engine");
    }

    @Test
    void everyBackendHasAFormForEveryKeywordOfTheCatalogue() {
        for (String backend : Backends.names()) {
            for (Keyword k : Keywords.all()) {
                Directive form = Backends.column(backend).apply(k);
                assertThat(form).as(backend + " form of " + k.name()).isNotNull();
                assertThat(form.form()).as(backend + " form of " + k.name()).isNotBlank();
            }
        }
    }

    @Test
    void theSubmissionSchemaAcceptsExactlyTheRegistrysBackends() throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream("/schema/submission.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        List<String> inSchema = new ArrayList<>();
        schema.at("/properties/backend/anyOf/0/enum").forEach(n -> inSchema.add(n.asText()));

        List<String> expected = new ArrayList<>(List.of("auto"));
        expected.addAll(Backends.names());
        assertThat(inSchema).as("submission.schema.json's backend enum").containsExactlyElementsOf(expected);
    }

    @Test
    void warnsInTheBackendsOwnWordsAboutWhatItCannotExpress() {
        JobOptions options = JobOptions.fromNormalised(Map.of("qos", "high"));

        assertThat(Backends.warnings("sge", options)).containsExactly(
                "qos=high: Grid Engine cannot express it; no such notion: use a queue (partition) or extra");
        assertThat(Backends.warnings("slurm", options)).isEmpty();
        assertThat(Backends.warnings("nosuch", options)).isEmpty();
    }

    @Test
    void readsABackendsSectionCommonAndOwnSettingsWithTheEnvironmentWinning() throws Exception {
        MusterConfig config = load("[sge]\nenabled = \"on\"\nbin_dir = \"/opt/sge/bin/lx-amd64\"\npe = \"threads\"\n"
                + "memory = \"mem_free\"\n", Map.of("MUSTER_SGE_PE", "mpi"));

        GridBackend sge = Backends.grid("sge").orElseThrow();
        assertThat(config.grid("sge").mode()).isEqualTo(GridSettings.Mode.ON);
        assertThat(config.grid("sge").binDir()).isEqualTo(Path.of("/opt/sge/bin/lx-amd64"));
        assertThat(Backends.own(sge, config)).containsEntry("pe", "mpi").containsEntry("memory", "mem_free");
        SgeDialect dialect = (SgeDialect) sge.dialect(Backends.own(sge, config));
        assertThat(dialect.parallelEnvironment()).isEqualTo("mpi");
        assertThat(dialect.memoryResource()).isEqualTo(SgeDialect.MemoryResource.MEM_FREE);
    }

    @Test
    void aBackendNotInTheFileIsAutoWithItsOwnDefaults() throws Exception {
        MusterConfig config = load("[local]\ncores = 1\n", Map.of());

        GridBackend sge = Backends.grid("sge").orElseThrow();
        assertThat(config.grid("sge").mode()).isEqualTo(GridSettings.Mode.AUTO);
        assertThat(config.grid("sge").binDir()).isNull();
        assertThat(Backends.own(sge, config)).containsEntry("pe", "smp").containsEntry("memory", "h_vmem");
    }

    @Test
    void refusesASectionThatNamesNoBackendListingTheBackends() {
        assertThatThrownBy(() -> load("[slrum]\nenabled = \"on\"\n", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(":1: unknown section [slrum]").hasMessageContaining("the backends slurm, torque, sge");
    }

    @Test
    void refusesAKeyTheBackendDoesNotHaveListingItsKeys() {
        assertThatThrownBy(() -> load("[sge]\nqueue = \"all.q\"\n", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2: unknown setting sge.queue; [sge] has enabled, bin_dir, pe, memory");
    }

    @Test
    void aWrongOwnSettingIsRefusedWhenTheFileIsReadNamingItsLine() {
        assertThatThrownBy(() -> load("[sge]\nmemory = \"rss\"\n", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(":2: sge.memory must be h_vmem or mem_free, was 'rss'");
    }

    @Test
    void aWrongOwnSettingStopsTheDialectNamingTheSetting() {
        GridBackend sge = Backends.grid("sge").orElseThrow();

        assertThatThrownBy(() -> sge.dialect(Map.of("pe", "smp", "memory", "rss")))
                .hasMessage("setting sge.memory must be h_vmem or mem_free, was 'rss'");
    }

    @Test
    void gridEngineIsOnlyPlausibleWhereItsClientsFindTheirCell() {
        GridBackend sge = Backends.grid("sge").orElseThrow();

        assertThat(sge.plausible(Map.of("SGE_ROOT", "/var/lib/gridengine"))).isTrue();
        assertThat(sge.plausible(Map.of())).isFalse();
        assertThat(Backends.grid("slurm").orElseThrow().plausible(Map.of())).isTrue();
    }
}
