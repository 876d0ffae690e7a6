package io.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.client.JobHandle;
import io.muster.client.JobRequest;
import io.muster.client.Muster;
import io.muster.client.MusterUnavailableException;
import io.muster.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that goes away while the CLI or the client waits on it: "no server", never "the job failed". */
class ServerGoneIT {

    @TempDir
    Path data;

    @Test
    void waitWhoseServerStopsExitsNoServerNotJobFailed() throws Exception {
        TestServer server = TestServer.start(data.resolve("server"), 1);
        String id;
        try (Muster muster = Muster.connect(server.url())) {
            id = muster.submit(JobRequest.command("sleep 60")).id();
        }
        CompletableFuture<Cli> waited = CompletableFuture.supplyAsync(() -> Cli.run("wait", "--url", server.url(), id));
        Thread.sleep(2000);
        server.close();

        Cli r = waited.get(60, TimeUnit.SECONDS);

        assertThat(r.err()).contains("lost the connection", server.url());
        assertThat(r.exit()).isEqualTo(ExitStatus.NO_SERVER);
    }

    @Test
    void awaitWhoseServerStopsThrowsMusterUnavailable() throws Exception {
        TestServer server = TestServer.start(data.resolve("server"), 1);
        try (Muster muster = Muster.connect(server.url())) {
            JobHandle job = muster.submit(JobRequest.command("sleep 60"));
            CompletableFuture<Throwable> waited = CompletableFuture.supplyAsync(() -> {
                try {
                    job.await(Duration.ofSeconds(60));
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread.sleep(2000);
            server.close();

            assertThat(waited.get(60, TimeUnit.SECONDS)).isInstanceOf(MusterUnavailableException.class)
                    .hasMessageContaining("lost the connection");
        }
    }
}
