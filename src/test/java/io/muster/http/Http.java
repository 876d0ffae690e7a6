package io.muster.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client for the tests, as curl or Prometheus would ask. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(port, path)).GET(), null, null);
    }

    static HttpResponse<String> get(int port, String path, String user, String password)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(port, path)).GET(), user, password);
    }

    static HttpResponse<String> post(int port, String path, String user, String password, boolean markedRequest)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(port, path)).POST(HttpRequest.BodyPublishers.noBody());
        if (markedRequest) {
            b.header("X-Muster-Request", "1");
        }
        return send(b, user, password);
    }

    static HttpResponse<String> send(int port, String method, String path, String user, String password)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(port, path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("X-Muster-Request", "1"), user, password);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String user, String password)
            throws IOException, InterruptedException {
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
