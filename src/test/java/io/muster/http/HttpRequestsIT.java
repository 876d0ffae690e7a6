package io.muster.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the HTTP server answers to requests it cannot carry out, and the headers every answer has. */
class HttpRequestsIT {

    @TempDir
    Path data;

    /** Regression (black-box probe): every 400 and 500 was an empty reply, the exchange closed before the answer. */
    @Test
    void aBadRequestIsAnsweredWithItsStatusAndWhyAndAnUnknownJobWith404() throws Exception {
        int http = TestServer.freePort();
        try (TestServer server = TestServer.start(data.resolve("server"), 1, c -> c.withHttpPort(http))) {
            HttpResponse<String> noId = Http.get(http, "/api/job");
            assertThat(noId.statusCode()).isEqualTo(400);
            assertThat(noId.body()).isEqualTo("the parameter 'id' is missing\n");

            HttpResponse<String> badLimit = Http.get(http, "/api/queue?limit=99999999999");
            assertThat(badLimit.statusCode()).isEqualTo(400);
            assertThat(badLimit.body()).contains("limit must be a whole number, was '99999999999'");

            HttpResponse<String> resubmit = Http.post(http, "/api/resubmit", null, null, true);
            assertThat(resubmit.statusCode()).isEqualTo(400);
            assertThat(resubmit.body()).contains("the parameter 'id' is missing");

            HttpResponse<String> unknown = Http.get(http, "/api/job?id=nosuch-job");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("UNKNOWN_JOB");
        }
    }

    /** Regression (black-box probe): another site could show the page in a frame and have its buttons clicked. */
    @Test
    void noAnswerMayBeShownInAnotherSitesFrame() throws Exception {
        int http = TestServer.freePort();
        try (TestServer server = TestServer.start(data.resolve("server"), 1, c -> c.withHttpPort(http))) {
            for (String path : new String[] {"/", "/job/x", "/api/job", "/nope"}) {
                HttpResponse<String> r = Http.get(http, path);
                assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
                assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue("frame-ancestors 'none'");
            }
        }
    }

    /** Regression (black-box probe): a POST or PUT to /health/ready was answered as a GET, 405 had no Allow. */
    @Test
    void aMethodAPathDoesNotTakeIsRefusedWith405NamingTheOnesItTakes() throws Exception {
        int http = TestServer.freePort();
        try (TestServer server = TestServer.start(data.resolve("server"), 1, c -> c.withHttpPort(http))) {
            for (String[] c : new String[][] {{"POST", "/health/ready"}, {"PUT", "/health/live"}, {"POST", "/metrics"},
                    {"DELETE", "/api/queue"}, {"T", "/"}}) {
                HttpResponse<String> r = Http.send(http, c[0], c[1], null, null);
                assertThat(r.statusCode()).as(c[0] + " " + c[1]).isEqualTo(405);
                assertThat(r.headers().firstValue("Allow")).as(c[0] + " " + c[1]).hasValue("GET, HEAD");
                assertThat(r.body()).contains(c[1] + " takes GET, HEAD only, not " + c[0]);
            }
            HttpResponse<String> getCancel = Http.send(http, "GET", "/api/cancel?id=x", null, null);
            assertThat(getCancel.statusCode()).isEqualTo(405);
            assertThat(getCancel.headers().firstValue("Allow")).hasValue("POST");
        }
    }

    /** Regression (black-box probe): 100 wrong passwords in a second were each answered at once with a plain 401. */
    @Test
    void tenFailedLoginsAsOneNameAreAnswered429UntilTheMinuteIsOver() throws Exception {
        java.nio.file.Path users = data.resolve("broker-users");
        java.nio.file.Files.writeString(users, "alice = alice-pw\nolga:observe = olga-pw\n");
        java.nio.file.Files.setPosixFilePermissions(users,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        int http = TestServer.freePort();
        try (TestServer server = TestServer.start(data.resolve("server"), 1,
                c -> c.withBrokerUsers(users).withHttpPort(http))) {
            for (int i = 0; i < Login.MAX_FAILURES; i++) {
                assertThat(Http.get(http, "/api/me", "alice", "guess" + i).statusCode()).isEqualTo(401);
            }

            HttpResponse<String> locked = Http.get(http, "/api/me", "alice", "alice-pw");
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(
                    v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
            assertThat(locked.body()).contains("too many failed logins");
            assertThat(Http.get(http, "/api/me", "olga", "olga-pw").statusCode()).isEqualTo(200);
            assertThat(Http.get(http, "/health/ready").statusCode()).isEqualTo(200);
        }
    }
}
