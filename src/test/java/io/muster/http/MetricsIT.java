package io.muster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.Muster;
import io.muster.client.SubmissionRejectedException;
import io.muster.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /metrics on a running server: Prometheus' text format, and the counters move as jobs run. */
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void givenJobsRunAndOneRejectedWhenScrapedThenTheCountersMovedAndTheTextIsPrometheusFormat() throws Exception {
        int http = TestServer.freePort();
        try (TestServer server = TestServer.start(data.resolve("server"), 2, c -> c.withHttpPort(http));
             Muster muster = Muster.connect(server.url())) {
            HttpResponse<String> before = Http.get(http, "/metrics");
            assertThat(before.statusCode()).isEqualTo(200);
            assertThat(before.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/plain; version=0.0.4"));
            PrometheusText first = PrometheusText.parse(before.body());
            assertThat(first.count("muster_submissions_total", "outcome", "accepted")).isZero();
            assertThat(first.value("muster_jobs", "state", "COMPLETED", "backend", "local")).isZero();
            assertThat(first.value("muster_local_pool_cores")).isEqualTo(2.0);

            List<JobHandle> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                jobs.add(muster.command("echo " + i).backend("local").mem("10MB").submit());
            }
            for (JobHandle job : jobs) {
                assertThat(job.await(WAIT)).isEqualTo(JobState.COMPLETED);
            }
            JobHandle failing = muster.command("exit 3").backend("local").mem("10MB").submit();
            assertThat(failing.await(WAIT)).isEqualTo(JobState.FAILED);
            assertThatThrownBy(() -> muster.command("echo never").mem("lots").submit())
                    .isInstanceOf(SubmissionRejectedException.class);

            PrometheusText after = PrometheusText.parse(Http.get(http, "/metrics").body());

            assertThat(after.count("muster_submissions_total", "outcome", "accepted")).isEqualTo(4.0);
            assertThat(after.count("muster_submissions_total", "outcome", "rejected", "reason", "option")).isEqualTo(1.0);
            assertThat(after.value("muster_jobs", "state", "COMPLETED", "backend", "local")).isEqualTo(3.0);
            assertThat(after.value("muster_jobs", "state", "FAILED", "backend", "local")).isEqualTo(1.0);
            assertThat(after.value("muster_jobs", "state", "RUNNING", "backend", "local")).isZero();
            assertThat(after.count("muster_job_transitions_total", "state", "COMPLETED", "backend", "local"))
                    .isEqualTo(3.0);
            assertThat(after.count("muster_job_start_latency_seconds_count", "backend", "local")).isEqualTo(4.0);
            assertThat(after.count("muster_job_start_latency_seconds_sum", "backend", "local")).isPositive();
            assertThat(after.count("muster_dispatch_seconds_count", "backend", "local")).isEqualTo(4.0);
            assertThat(after.value("muster_local_pool_cores_busy")).isZero();
            assertThat(after.value("muster_local_pool_memory_bytes")).isPositive();
            assertThat(after.value("muster_queue_depth")).isZero();
            assertThat(after.value("muster_broker_queue_messages", "queue", "muster.rejected")).isEqualTo(1.0);
            assertThat(after.value("muster_broker_queue_messages", "queue", "muster.submit")).isZero();
            assertThat(after.value("muster_broker_queue_messages", "queue", "DLQ")).isNotNull();
            assertThat(after.samples()).anySatisfy(s -> assertThat(s.name()).isEqualTo("jvm_memory_used_bytes"));
            assertThat(after.samples()).anySatisfy(s -> assertThat(s.name()).isEqualTo("jvm_threads_live_threads"));
        }
    }
}
