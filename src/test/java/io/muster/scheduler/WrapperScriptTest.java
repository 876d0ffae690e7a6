package io.muster.scheduler;

import static io.muster.scheduler.ASubmission.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wrapper every backend runs, run here by bash itself: what reaches outfile and errfile. */
class WrapperScriptTest {

    @TempDir
    Path work;

    private int run(Path wrapper, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", wrapper.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("wrapper.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    /** Regression: outfile and errfile were given to the scheduler, which got the wrapper's (empty) output. */
    @Test
    void copiesTheJobsOutputToOutfileAndErrfileAsItEnds() throws Exception {
        // given a job with outfile and errfile, one in a directory that does not exist yet
        Path dir = Files.createDirectories(work.resolve("jobs/j1"));
        JobSubmission job = aJob().withId("mx4u2lwu-1ik5b").in(dir)
                .with("outfile", dir.resolve("myout.txt").toString())
                .with("errfile", dir.resolve("logs/%j.err").toString()).build();
        JobScript.write(job.files(), "echo hello; echo oops >&2; exit 3", Map.of());

        // when its wrapper runs
        int code = run(WrapperScript.write(job, List.of()), Map.of());

        // then the user's files hold the job's output, %j is the Muster id, and the exit code is the command's
        assertThat(code).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("myout.txt"))).isEqualTo("hello\n");
        assertThat(Files.readString(dir.resolve("logs/mx4u2lwu-1ik5b.err"))).isEqualTo("oops\n");
        assertThat(Files.readString(job.files().stdout())).isEqualTo("hello\n");
        assertThat(Files.readString(job.files().exitCode()).strip()).isEqualTo("3");
    }

    @Test
    void copiesEachArrayTasksOutputToItsOwnFile() throws Exception {
        // given an array job whose outfile names the index with %a, and an errfile without it
        Path dir = Files.createDirectories(work.resolve("jobs/j2"));
        JobSubmission job = aJob().withId("mx4u2lwu-22222").in(dir).with("array", "1-2")
                .with("outfile", dir.resolve("out.%a.txt").toString())
                .with("errfile", dir.resolve("err.txt").toString()).build();
        JobScript.write(job.files(), "echo task $MUSTER_ARRAY_INDEX; echo e$MUSTER_ARRAY_INDEX >&2", Map.of("array", "1-2"));

        // when a scheduler runs task 2 (its index in $IDX), and the local pool runs them all
        run(WrapperScript.write(job, List.of(), "$IDX"), Map.of("IDX", "2"));

        // then task 2's output is in its file, %a its index; without %a the index is appended
        assertThat(Files.readString(dir.resolve("out.2.txt"))).isEqualTo("task 2\n");
        assertThat(Files.readString(dir.resolve("err.txt.2"))).isEqualTo("e2\n");
        assertThat(dir.resolve("out.1.txt")).doesNotExist();

        run(WrapperScript.write(job, List.of()), Map.of());
        assertThat(Files.readString(dir.resolve("out.1.txt"))).isEqualTo("task 1\n");
    }

    @Test
    void writesOutfileAsAShellWordWithItsExpansions() {
        assertThat(WrapperScript.target("/w/%j.out", "mx-1", null)).isEqualTo("'/w/mx-1.out'");
        assertThat(WrapperScript.target("/w/100%%.out", "mx-1", null)).isEqualTo("'/w/100%.out'");
        assertThat(WrapperScript.target("/w/o.%a", "mx-1", "\"$1\"")).isEqualTo("'/w/o.'\"$1\"");
        assertThat(WrapperScript.target("/w/o", "mx-1", "\"$1\"")).isEqualTo("'/w/o.'\"$1\"");
    }

    /** A job must never hang: an array task run without an index ends the job instead of leaving tasks pending. */
    @Test
    void anArrayTaskRunWithoutAnIndexEndsTheWholeJobFailed() throws Exception {
        // given an array job whose scheduler gives the wrapper no index
        Path dir = Files.createDirectories(work.resolve("jobs/j3"));
        JobSubmission job = aJob().withId("mx4u2lwu-33333").in(dir).with("array", "0-4:2").build();
        JobScript.write(job.files(), "echo idx $MUSTER_ARRAY_INDEX", Map.of("array", "0-4:2"));

        // when it runs with the index variable empty
        int code = run(WrapperScript.write(job, List.of(), "$IDX"), Map.of("IDX", ""));

        // then it ran nothing, and the job's own exit code says it failed, which ends the array
        assertThat(code).isEqualTo(127);
        assertThat(Files.readString(job.files().exitCode()).strip()).isEqualTo("127");
        assertThat(ExitCodes.read(job.files())).contains(127);
        assertThat(dir.resolve("stdout.")).doesNotExist();
        assertThat(Files.readString(job.files().stderr())).contains("without a task index");
    }
    /** Regression: a runpath that does not exist ended the job FAILED 127 with an empty stderr, cd's words in the scheduler's log. */
    @Test
    void aRunpathItCannotChangeToSaysSoInTheJobsStderr() throws Exception {
        for (String array : new String[] {null, "1-2"}) {
            Path dir = Files.createDirectories(work.resolve(array == null ? "jobs/j4" : "jobs/j5"));
            ASubmission options = aJob().withId("mx4u2lwu-44444").in(dir).with("runpath", "no-such-dir");
            JobSubmission job = (array == null ? options : options.with("array", array)).build();
            JobScript.write(job.files(), "echo ran", Map.of());

            int code = run(WrapperScript.write(job, List.of(), array == null ? null : "$IDX"), Map.of("IDX", "1"));

            Path stderr = array == null ? job.files().stderr() : dir.resolve("stderr.1");
            assertThat(code).as(array).isEqualTo(127);
            assertThat(Files.readString(stderr)).as(array).contains("no-such-dir")
                    .contains("muster: cannot change to the runpath");
        }
    }
}
