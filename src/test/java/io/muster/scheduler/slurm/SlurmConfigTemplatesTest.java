package io.muster.scheduler.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The test cluster's config templates (server-config/slurm). Regression of stop 18: CI failed
 * after 3 s because each daemon's own pid file was the file start.sh records the daemon's pid
 * in; a daemon truncates and rewrites its file as it starts, and start.sh, reading it then,
 * took slurmdbd for dead.
 */
class SlurmConfigTemplatesTest {

    private static final Path DIR = Path.of("server-config", "slurm");

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource({"slurmdbd.conf.in, PidFile, slurmdbd", "slurm.conf.in, SlurmctldPidFile, slurmctld",
            "slurm.conf.in, SlurmdPidFile, slurmd"})
    void aDaemonsOwnPidFileIsNotTheOneStartShRecordsItsPidIn(String template, String setting, String daemon)
            throws IOException {
        String pidFile = setting(template, setting);

        assertThat(pidFile).isEqualTo("@STATE_DIR@/run/daemon/" + daemon + ".pid")
                .isNotEqualTo("@STATE_DIR@/run/" + daemon + ".pid");
        assertThat(Files.readString(DIR.resolve("start.sh")))
                .contains("\"$RUN_DIR/daemon\"", "echo $! >\"$RUN_DIR/$name.pid\"");
    }

    private static String setting(String template, String name) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(template));
        Pattern p = Pattern.compile("^" + Pattern.quote(name) + "=(\\S+)\\s*$");
        return lines.stream().map(p::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not set in " + template));
    }
}
