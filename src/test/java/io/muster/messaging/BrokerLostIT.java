package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.client.JobHandle;
import io.muster.client.Muster;
import io.muster.config.ExternalBrokerSettings;
import io.muster.api.JobId;
import io.muster.api.JobState;
import io.muster.testing.ArtemisBroker;
import io.muster.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away under a running server (kill -9 of a broker this test starts): the server
 * keeps running, says it is not ready, tries again with back-off in one log line per attempt,
 * and when the broker is back every job it had accepted ends, and new work runs.
 */
class BrokerLostIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern NEXT = Pattern.compile("trying again in (\\d+(?:\\.\\d)?) s");

    @TempDir
    Path scratch;

    @Test
    void givenTheBrokerIsKilledTheServerRetriesWithBackOffIsUnhealthyAndLosesNoAcceptedJob() throws Exception {
        Path markers = Files.createDirectories(scratch.resolve("markers"));
        List<LogRecord> link = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                link.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger linkLog = Logger.getLogger(BrokerLink.class.getName());
        int http = TestServer.freePort();
        try (ArtemisBroker broker = ArtemisBroker.standalone(scratch.resolve("broker"));
             TestServer muster = TestServer.onBroker(scratch.resolve("server"), 2,
                     new ExternalBrokerSettings(broker.url(), "muster", "muster-test"), c -> c.withHttpPort(http))) {
            assertThat(ready(http).statusCode()).isEqualTo(200);
            // after the start, whose logging set-up may replace handlers
            linkLog.addHandler(capture);
            List<String> accepted = new ArrayList<>();
            try (Muster client = Muster.connect(broker.url())) {
                for (int i = 0; i < 4; i++) {
                    // they end while the broker is away: their end waits to be published
                    JobHandle job = client.command("sleep 2; echo ran >> " + markers.resolve("job" + i)).submit();
                    accepted.add(job.id());
                }
            }

            broker.kill();

            await().atMost(WAIT).until(() -> ready(http).statusCode() == 503);
            assertThat(ready(http).body()).contains("\"name\":\"broker\",\"status\":\"DOWN\"",
                    "the broker at " + broker.url() + " is not active", "tries again with back-off");
            // attempts while it is away (the jobs end meanwhile); the broker takes a while to start again
            await().atMost(WAIT).until(() -> link.stream().filter(r -> r.getMessage().contains("still does not answer"))
                    .count() >= 1);
            assertThat(muster.server().running()).isTrue();

            broker.start();

            await().atMost(WAIT).until(() -> ready(http).statusCode() == 200);
            for (String id : accepted) {
                await().atMost(WAIT).until(() -> muster.server().store().find(JobId.of(id)).orElseThrow().state()
                        == JobState.COMPLETED);
                assertThat(Files.readAllLines(markers.resolve("job" + accepted.indexOf(id)))).containsExactly("ran");
            }
            try (Muster client = Muster.connect(broker.url())) {
                JobHandle after = client.command("echo after").submit();
                assertThat(after.await(WAIT)).isEqualTo(JobState.COMPLETED);
                assertThat(after.stdout()).isEqualTo("after\n");
                // the ends published while the broker was away were sent when it came back
                assertThat(client.job(accepted.get(0)).state()).isEqualTo(JobState.COMPLETED);
            }
        } finally {
            linkLog.removeHandler(capture);
        }

        List<LogRecord> warnings = link.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertThat(warnings.get(0).getMessage()).startsWith("lost the broker at ");
        List<Double> delays = new ArrayList<>();
        for (LogRecord r : warnings) {
            Matcher m = NEXT.matcher(r.getMessage());
            assertThat(m.find()).as(r.getMessage()).isTrue();
            delays.add(Double.parseDouble(m.group(1)));
        }
        // one line per attempt, each waiting twice as long as the one before
        assertThat(delays).startsWith(1.0, 2.0);
        assertThat(delays).isSorted();
        assertThat(link).filteredOn(r -> r.getMessage().contains("answers again after")).hasSize(1);
    }

    private static HttpResponse<String> ready(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/health/ready")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
