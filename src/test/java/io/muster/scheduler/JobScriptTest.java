package io.muster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job script as bash runs it, the same on every backend. */
class JobScriptTest {

    @TempDir
    Path dir;

    private record Ran(int exit, String stdout, String stderr) {
    }

    /** Runs the script as the wrapper does, with {@code prelude} (a module function, or none) first. */
    private Ran run(String script, String prelude) throws Exception {
        Path file = dir.resolve("job.sh");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("bash", "-c", prelude + "\n( . \"$1\" )", "bash", file.toString())
                .directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(p.waitFor(), out, err);
    }

    @Test
    void aModuleThatCannotBeLoadedStopsTheJobBeforeItsCommandNamingTheModule() throws Exception {
        String script = JobScript.render("echo ran", Map.of("modules", List.of("gcc/12", "nosuch")));

        Ran noModuleCommand = run(script, "");
        Ran unknownModule = run(script, "module() { [ \"$2\" != nosuch ]; }");

        for (Ran r : List.of(noModuleCommand, unknownModule)) {
            assertThat(r.stdout()).as("the command must not run without its modules").isEmpty();
            assertThat(r.exit()).isEqualTo(127);
        }
        assertThat(noModuleCommand.stderr()).contains("muster: cannot load module gcc/12; the command did not run");
        assertThat(unknownModule.stderr()).contains("muster: cannot load module nosuch; the command did not run");
    }

    @Test
    void theCommandRunsOnceEveryModuleLoaded() throws Exception {
        String script = JobScript.render("echo \"ran with $LOADED\"", Map.of("modules", List.of("a", "b c")));

        Ran r = run(script, "module() { export LOADED=\"$LOADED[$2]\"; }");

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("ran with [a][b c]\n");
    }
}
