package io.muster.cli;

import io.muster.testing.Processes;
import io.muster.testing.Processes.Result;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muster.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a separate process: exit statuses, a terminal's progress bar, the no-server message. */
class JarCommandsIT {

    @TempDir
    static Path data;

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(data.resolve("server"), 2);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static List<String> jar(String... args) {
        return Processes.muster(args);
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        return Processes.run(data, command, Map.of(), Duration.ofMinutes(2));
    }

    @Test
    void givenProfileAdd_whenRunFromTheJar_thenStderrHasNoValidatorLogLines() throws Exception {
        Path file = data.resolve("quiet.toml");
        Result added = run(jar("profile", "add", "--config=" + file, "--url=tcp://127.0.0.1:1", "quiet", "cores=2"));
        Result refused = run(jar("profile", "add", "--config=" + file, "--url=tcp://127.0.0.1:1", "loud", "mem=lots"));

        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.err()).doesNotContain("HV000001", "INFO");
        assertThat(refused.err()).doesNotContain("HV000001", "INFO").contains("mem 'lots' is not a size");
    }

    @Test
    void waitWithTimeoutOneOnASleepTenExitsNonZeroNamingTheJob() throws Exception {
        String id = run(jar("submit", "--url", server.url(), "-n", "nap", "--", "sleep", "10")).out().strip();
        try {
            Result wait = run(jar("wait", "--url", server.url(), "--timeout", "1", id));

            assertThat(wait.exit()).isEqualTo(ExitStatus.TIMED_OUT);
            assertThat(wait.err()).contains("job " + id, "nap", "has not ended after 1 s");
        } finally {
            run(jar("cancel", "--url", server.url(), id));
        }
    }

    @Test
    void progressBarRendersDoneTotalElapsedAndEtaOnATerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) (util-linux) to give the CLI a terminal");
        String a = run(jar("submit", "--url", server.url(), "--", "sleep", "1")).out().strip();
        String b = run(jar("submit", "--url", server.url(), "--", "sleep", "2")).out().strip();
        Path typescript = data.resolve("typescript");

        // script(1) runs the command on a pseudo-terminal and copies what it shows to the file
        Result r = run(List.of("/usr/bin/script", "-qec", String.join(" ", jar("wait", "--url", server.url(), a, b)),
                typescript.toString()));

        String screen = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(r.exit()).isZero();
        assertThat(screen).containsPattern("jobs +100% \\[=+\\] 2/2 \\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\)");
    }

    /** Regression (black-box probe): get and run decoded a job's stdout as text, so binary output came out mangled. */
    @Test
    void getAndRunPrintABinaryStdoutByteForByte() throws Exception {
        String bytes = "\\000\\001\\377\\376\\200abc\\n\\351";
        byte[] expected = {0, 1, (byte) 0377, (byte) 0376, (byte) 0200, 'a', 'b', 'c', '\n', (byte) 0351};
        String id = run(jar("submit", "--url", server.url(), "--", "printf", bytes)).out().strip();

        Path got = data.resolve("got.bin");
        Process get = new ProcessBuilder(jar("get", "--url", server.url(), id)).redirectOutput(got.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path ran = data.resolve("ran.bin");
        Process runIt = new ProcessBuilder(jar("run", "--data-dir", data.resolve("run").toString(), "--port", "0",
                "--http-port", "0", "-b", "local", "--", "printf", bytes))
                .redirectOutput(ran.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();

        assertThat(get.waitFor(2, TimeUnit.MINUTES) && runIt.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(get.exitValue()).isZero();
        assertThat(runIt.exitValue()).isZero();
        assertThat(Files.readAllBytes(got)).containsExactly(expected);
        assertThat(Files.readAllBytes(ran)).containsExactly(expected);
    }

    @Test
    void withoutATerminalThereIsNoProgressBar() throws Exception {
        String a = run(jar("submit", "--url", server.url(), "--", "true")).out().strip();

        Result r = run(jar("wait", "--url", server.url(), a));

        assertThat(r.exit()).isZero();
        assertThat(r.err()).doesNotContain("%").doesNotContain("1/1");
    }

    @Test
    void everyClientCommandSaysHowToStartAServerWhenNoneRuns() throws Exception {
        String url = "tcp://127.0.0.1:" + TestServer.freePort();
        for (List<String> args : List.of(List.of("submit", "--url", url, "--", "true"),
                List.of("queue", "--url", url), List.of("wait", "--url", url, "mwxabcde-12345"))) {
            Result r = run(jar(args.toArray(String[]::new)));

            assertThat(r.exit()).as("%s", args).isEqualTo(ExitStatus.NO_SERVER);
            assertThat(r.err()).as("%s", args).contains("no Muster server is running at " + url,
                    "java -jar target/muster.jar server");
        }
    }

    @Test
    void theUrlComesFromMusterUrlWhenNoFlagGivesIt() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(jar("queue", "--all", "--count"));
        pb.environment().put("MUSTER_URL", server.url());
        Path out = data.resolve("env.out");
        Process p = pb.redirectOutput(out.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(out).strip()).matches("\\d+");
    }
}
