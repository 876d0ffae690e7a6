package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.backends.Backends;
import io.muster.client.JobRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class JobOptionsMixinTest {

    /** The JSON a submit with these flags would send. */
    private static String submission(String... flags) {
        SubmitCommand submit = new SubmitCommand();
        new CommandLine(submit).parseArgs(flags);
        return submit.job.apply(JobRequest.command("true"), null).toJson();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-m 1GB -o mem=2GB           | option mem is given twice, as '-m 1GB' and as '-o mem=2GB'",
            "-c 2 -o cores=3             | option cores is given twice, as '-c 2' and as '-o cores=3'",
            "-n a -o name=b              | option name is given twice, as '-n a' and as '-o name=b'",
            "-o mem=1GB -o mem=2GB       | option mem is given twice, as '-o mem=1GB' and as '-o mem=2GB'",
            "-o mem=1GB -o memory=2GB    | option mem is given twice, as '-o mem=1GB' and as '-o memory=2GB'",
            "-t 1:00:00 -o walltime=2:00 | option time is given twice, as '-t 1:00:00' and as '-o walltime=2:00'",
            "-p short -o queue=long      | option partition is given twice, as '-p short' and as '-o queue=long'"})
    void givenAnOptionTwiceByFlagSynonymOrOption_whenApplied_thenItIsAUsageErrorNamingBoth(String flags, String message) {
        assertThatThrownBy(() -> submission(flags.strip().split(" ")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining(message);
    }

    @Test
    void givenDependsByFlagAndByOption_whenApplied_thenEveryIdIsKeptInOrder() {
        String json = submission("-d", "13", "-o", "depends=14,15", "-d", "16", "-o", "dependency=17");

        assertThat(json).contains("\"depends\":[\"13\",\"16\",\"14\",\"15\",\"17\"]");
    }

    @Test
    void givenEachOptionOnce_whenApplied_thenEveryValueIsSent() {
        String json = submission("-m", "1GB", "-o", "cores=3", "-o", "name=b");

        assertThat(json).contains("\"mem\":\"1GB\"", "\"cores\":\"3\"", "\"name\":\"b\"");
    }

    @Test
    void givenAnOptionWithoutAValue_whenApplied_thenItIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> submission("-o", "mem"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("-o takes NAME=VALUE, was 'mem'");
    }

    @Test
    void givenTwoMemoryValues_whenSubmitting_thenTheCommandExitsTwoBeforeLookingForAServer() {
        Cli cli = Cli.run("submit", "--url", "tcp://127.0.0.1:1", "-m", "1GB", "-o", "mem=2GB", "--", "true");

        assertThat(cli.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.err()).contains("option mem is given twice, as '-m 1GB' and as '-o mem=2GB'");
    }

    @Test
    void givenSubmitHelp_whenPrinted_thenTheBackendFlagListsEveryBackend() {
        Cli cli = Cli.run("submit", "--help");

        String backendLine = cli.out().lines().filter(l -> l.contains("--backend")).findFirst().orElseThrow();
        for (String backend : Backends.names()) {
            assertThat(backendLine).contains(backend);
        }
    }
}
