package io.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.JobState;
import io.muster.client.CancelResult;
import io.muster.client.Muster;
import io.muster.store.JobFilter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution core through the whole server: accepted jobs are handed over in chunks (one
 * repository checkpoint and one store transaction per chunk, not per job), and jobs in flight
 * cost no thread of their own.
 */
class ExecutionCoreIT {

    @TempDir
    Path dataDir;

    private static List<String> trueJobs(String prefix, int n, String command) {
        return IntStream.range(0, n).mapToObj(i -> "{\"requestId\":\"" + prefix + i + "\",\"command\":\"" + command
                + "\",\"backend\":\"local\"}").toList();
    }

    @Test
    void aBurstIsHandedOverInChunksAndEveryJobGetsItsRowAndItsEvents() throws Exception {
        int n = 300;
        try (TestServer muster = new TestServer(dataDir, 2)) {
            muster.submitAll(trueJobs("burst-", n, "true"));

            Set<String> completed = new HashSet<>();
            while (completed.size() < n) {
                JsonNode e = muster.awaitEvent(d -> "COMPLETED".equals(d.path("state").asText()), Duration.ofSeconds(60));
                assertThat(completed.add(e.path("requestId").asText())).as("one COMPLETED event per job").isTrue();
            }

            Map<JobState, Integer> rows = muster.server().store().countByState(JobFilter.all());
            assertThat(rows).containsExactly(Map.entry(JobState.COMPLETED, n));
            long[] chunks = dispatchChunks(muster);
            assertThat(chunks[0]).as("jobs written by dispatch steps").isEqualTo(n);
            assertThat(chunks[1]).as("chunks committed, far fewer than jobs").isLessThan(n / 3);
        }
    }

    /** {written items, committed chunks} over every {@code muster-dispatch} step execution. */
    private static long[] dispatchChunks(TestServer muster) throws Exception {
        String sql = "SELECT SUM(s.WRITECOUNT), SUM(s.COMMITCOUNT) FROM STEP_EXECUTION s"
                + " JOIN JOB_EXECUTION e ON s.JOBEXECUTIONID = e.JOBEXECUTIONID"
                + " JOIN JOB_INSTANCE i ON e.JOBINSTANCEID = i.JOBINSTANCEID WHERE i.JOBNAME = 'muster-dispatch'";
        try (Connection c = muster.server().database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    @Test
    void twoThousandJobsInFlightCostNoThreadEachAndOneRequestCancelsThemAll() throws Exception {
        int n = 2000;
        try (TestServer muster = new TestServer(dataDir, 2)) {
            // given 1000 jobs in flight, sent in bursts of 200 (which warm the broker's own bounded pools)
            int burst = 200;
            int warm = 0;
            for (int b = 0; b < n / burst; b++) {
                int expected = (b + 1) * burst;
                muster.submitAll(trueJobs("sleeper-" + b + "-", burst, "sleep 3600"));
                await().atMost(Duration.ofSeconds(60)).until(() -> inFlight(muster) == expected);
                if (expected == n / 2) {
                    warm = musterThreads();
                }
            }
            // when 1000 more are in flight (the loop's second half)
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    muster.server().store().countByState(JobFilter.all()).getOrDefault(JobState.RUNNING, 0) > 0);

            // then no thread was added for them
            // (the broker's own pools grow with its message load, bounded by its settings, not with jobs in flight)
            int busy = musterThreads();
            assertThat(busy).as("Muster's threads with %d jobs in flight against %d with %d: %s", n, warm, n / 2,
                    threadGroups()).isLessThanOrEqualTo(warm + 1);
            // and the broker's IO and in-VM pools kept to their bounds (Artemis's own grow with every burst)
            Map<String, Long> groups = threadGroups();
            assertThat(groups.getOrDefault("Thread-# (muster-broker-io)", 0L)).as("%s", groups).isBetween(1L, 8L);
            assertThat(groups.getOrDefault("Thread-# (muster-broker-in-vm)", 0L)).as("%s", groups).isBetween(1L, 8L);
            assertThat(groups.keySet()).as("Artemis's unbounded IO pool").noneMatch(name -> name.contains("ActiveMQ-IO"));
            // this JVM also holds the test runner's threads and pools other tests left (Netty client threads):
            // the bench counts a server's alone (91 with 10,000 jobs in flight)
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).as("all threads: %s", groups)
                    .isLessThan(120);

            List<String> ids = new ArrayList<>();
            muster.server().store().find(JobFilter.all()).forEach(j -> ids.add(j.id().value()));
            try (Muster client = Muster.connect(muster.server().broker().clientUrl())) {
                List<CancelResult> results = client.cancel(ids);
                assertThat(results).hasSize(n);
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    muster.server().store().countByState(JobFilter.all()).equals(Map.of(JobState.CANCELLED, n)));
            assertThat(muster.server().localPool().running()).isZero();
        }
    }

    /** Muster's own threads (the dispatch and flow pools, listener, tracker, publisher, pool): none per job. */
    private static int musterThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("muster-")).count();
    }

    /** Live threads by name, digits folded: what grew, when something did. */
    private static Map<String, Long> threadGroups() {
        return Thread.getAllStackTraces().keySet().stream().collect(java.util.stream.Collectors.groupingBy(
                t -> t.getName().replaceAll("\\d+", "#"), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    private static int inFlight(TestServer muster) {
        Map<JobState, Integer> counts = muster.server().store().countByState(JobFilter.all());
        return counts.getOrDefault(JobState.QUEUED, 0) + counts.getOrDefault(JobState.RUNNING, 0);
    }
}
