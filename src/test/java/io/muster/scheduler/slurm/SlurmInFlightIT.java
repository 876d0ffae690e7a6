package io.muster.scheduler.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.client.Muster;
import io.muster.config.GridSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution core's cluster goal (#11): a thousand sleeping jobs sent to one server all reach
 * the real Slurm at once and wait there, pending, instead of a trickle bounded by the server's
 * threads; the tracker follows all of them with one {@code squeue} per poll interval (and at most
 * one {@code sacct}), counted by wrappers around Slurm's commands; one cancel ends them all.
 */
class SlurmInFlightIT {

    private static final int JOBS = 1000;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final List<String> PROGRAMS = List.of("sbatch", "squeue", "sacct", "scancel", "scontrol");

    @TempDir
    Path data;

    @Test
    void aThousandSleepingJobsWaitAtSlurmAtOnceFollowedByOneSqueuePerInterval() throws Exception {
        SlurmCluster.assumeRunning();
        Path calls = data.resolve("calls.log");
        Path bin = wrappers(data.resolve("bin"), calls);
        try (MusterUnderTest muster = MusterUnderTest.start(data.resolve("m"), GridSettings.defaults("slurm")
                .withMode(GridSettings.Mode.ON).withPollInterval(POLL).withBinDir(bin))) {
            // given a thousand jobs that each sleep longer than the test waits for them
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                requests.add(muster.submit("slurm", "sleep 300", Map.of("time", "00:10:00")));
            }

            // when every one of them has been handed over
            Set<String> schedulerIds = new HashSet<>();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (String r : requests) {
                    muster.events(r).stream().filter(e -> e.hasNonNull("schedulerId")).findFirst()
                            .ifPresent(e -> schedulerIds.add(e.path("schedulerId").asText()));
                }
                return schedulerIds.size() == JOBS;
            });

            // then Slurm holds all of them at once, nearly all pending
            Map<String, String> atSlurm = squeue();
            Set<String> ours = atSlurm.keySet().stream().filter(schedulerIds::contains).collect(Collectors.toSet());
            assertThat(ours).as("our jobs that squeue lists").hasSize(JOBS);
            long pending = ours.stream().filter(id -> atSlurm.get(id).equals("PENDING")).count();
            assertThat(pending).as("pending at Slurm (a 2-CPU node runs 2)").isGreaterThanOrEqualTo(JOBS - 4);
            System.out.println("SlurmInFlightIT " + JOBS + " jobs at Slurm at once, " + pending + " pending");

            // and the tracker asks about them with one squeue per interval, at most one sacct
            int squeueBefore = count(calls, "squeue");
            int sacctBefore = count(calls, "sacct");
            long start = System.nanoTime();
            Thread.sleep(WINDOW.toMillis());
            double seconds = (System.nanoTime() - start) / 1e9;
            int squeues = count(calls, "squeue") - squeueBefore;
            int saccts = count(calls, "sacct") - sacctBefore;
            System.out.printf("SlurmInFlightIT %d squeue and %d sacct in %.1f s with %d jobs in flight (poll %d ms)%n",
                    squeues, saccts, seconds, JOBS, POLL.toMillis());
            assertThat(squeues).as("squeue calls in %.1f s", seconds)
                    .isBetween(1, (int) (seconds / (POLL.toMillis() / 1000.0)) + 1);
            assertThat(saccts).as("sacct calls").isLessThanOrEqualTo(squeues);

            // and one request cancels them all
            List<String> jobIds = requests.stream().map(r -> muster.event(r, "ACCEPTED").orElseThrow()
                    .path("jobId").asText()).toList();
            try (Muster client = Muster.connect(muster.server().broker().clientUrl())) {
                client.requestTimeout(Duration.ofMinutes(2));
                client.cancel(jobIds);
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    requests.stream().allMatch(r -> muster.event(r, "CANCELLED").isPresent()));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    squeue().entrySet().stream().noneMatch(e -> schedulerIds.contains(e.getKey())
                            && !e.getValue().matches("CANCELLED|COMPLETED")));
        }
    }

    /** Slurm's jobs, id to state, as squeue lists them (every state). */
    private static Map<String, String> squeue() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("squeue", "-h", "-t", "all", "-o", "%i %T").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.split(" "))
                .collect(Collectors.toMap(w -> w[0], w -> w[1], (a, b) -> b));
    }

    /** A directory of Slurm's commands that log each call's name to {@code log}, then run the real one. */
    private static Path wrappers(Path dir, Path log) throws IOException {
        Files.createDirectories(dir);
        for (String program : PROGRAMS) {
            Path real = io.muster.config.Executables.onPath(program)
                    .orElseThrow(() -> new AssertionError(program + " is not on the PATH"));
            Path wrapper = dir.resolve(program);
            Files.writeString(wrapper, "#!/bin/sh\necho " + program + " >> '" + log + "'\nexec '" + real + "' \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    private static int count(Path log, String program) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return (int) lines.filter(program::equals).count();
        }
    }
}
