package io.muster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.muster.batch.Flows;
import io.muster.config.BrokerUsers;
import io.muster.config.ConfigException;
import io.muster.config.MusterConfig;
import io.muster.config.UserRole;
import io.muster.messaging.Broker;
import io.muster.messaging.ControlListener;
import io.muster.messaging.FlowRequests;
import io.muster.messaging.Sender;
import io.muster.messaging.control.ControlRequests;
import io.muster.metrics.MusterMetrics;
import io.muster.metrics.Throughput;
import io.muster.queue.QueueView;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.Database;
import io.muster.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The HTTP side of a server, on {@code http.host}:{@code http.port} (JDK's
 * {@code com.sun.net.httpserver}, nothing to build): Prometheus metrics ({@code GET /metrics}),
 * health ({@code GET /health/live}, {@code /health/ready}) and the web page ({@code GET /}) with the
 * JSON it reads under {@code /api/}.
 *
 * <p>Everything the page shows or does goes through the control protocol of {@code muster.control}
 * ({@link ControlRequests}, the very instance the {@link ControlListener} answers with) and the flow
 * protocol ({@link FlowRequests}), with the rights of the login: the same answers and the same checks
 * as the CLI. With {@code broker.users} set, the page, its JSON and {@code /metrics} ask for the
 * broker's logins (HTTP Basic); the health probes stay open, as probes are.
 */
@ApplicationScoped
public class HttpFrontend {

    private static final Logger LOG = Logger.getLogger(HttpFrontend.class.getName());
    static final ObjectMapper JSON = new ObjectMapper();
    /** Most browsers following the queue at once; each holds a thread. */
    static final int MAX_STREAMS = 32;
    /** The tail of a job's stdout or stderr that the job page shows. */
    static final int TAIL_CHARS = 64 * 1024;
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** The paths that take a {@code POST}, and nothing else; every other path takes {@code GET} and {@code HEAD}. */
    static final java.util.Set<String> ACTIONS = java.util.Set.of("/api/cancel", "/api/resubmit");

    @Inject
    ControlListener control;
    @Inject
    Flows flows;
    @Inject
    Schedulers schedulers;
    @Inject
    MusterMetrics metrics;
    @Inject
    LiveEvents events;

    private HttpServer server;
    private ExecutorService threads;
    private Login login;
    private Health health;

    /**
     * Opens the HTTP server when {@code http.port} is not 0, and starts the metrics.
     *
     * @throws ConfigException naming {@code http.port} when the port is taken
     */
    @Inject
    Provider<MusterConfig> settings;
    @Inject
    Provider<Broker> brokers;
    @Inject
    Provider<LocalScheduler> pools;
    @Inject
    Provider<JobStore> stores;
    @Inject
    Provider<Database> databases;

    public synchronized void start() throws IOException {
        MusterConfig config = settings.get();
        if (config.httpPort() == 0 || server != null) {
            return;
        }
        Broker broker = brokers.get();
        LocalScheduler local = pools.get();
        JobStore store = stores.get();
        DataSource database = databases.get().dataSource();
        BrokerUsers users = broker.users();
        login = new Login(users);
        health = new Health(JSON, config, database, new QueueView(store), broker, schedulers::names, local);
        try {
            InetSocketAddress address = new InetSocketAddress(config.httpHost(), config.httpPort());
            if (config.httpTls() == null) {
                server = HttpServer.create(address, 64);
            } else {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(TlsContext.open(config.httpTls())));
                server = https;
            }
        } catch (BindException e) {
            throw new ConfigException("setting http.port " + config.httpPort() + " on " + config.httpHost()
                    + " is taken by another program (" + e.getMessage() + "): choose another port, or 0 for no HTTP"
                    + " server");
        }
        metrics.open(new QueueView(store), schedulers.names(), local, broker);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "muster-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::route);
        server.start();
        LOG.info(() -> "web page, /metrics and /health on " + (config.httpTls() == null ? "http" : "https") + "://" + hostForUrl(config.httpHost()) + ":"
                + server.getAddress().getPort() + "/" + (login.required() ? " (logins of " + config.brokerUsers()
                + ")" : ""));
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        events.closeAll();
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
        server = null;
    }

    /** The port it listens on, or 0 when it is off. */
    public synchronized int port() {
        return server == null ? 0 : server.getAddress().getPort();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private void route(HttpExchange x) throws IOException {
        // closed after the answer, never before it: a try-with-resources closes before its catch runs,
        // and then every 400 or 500 went out as an empty reply
        try (x) {
            answer(x);
        }
    }

    private void answer(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            // no other site may show the page in a frame, where its buttons could be clicked for a logged-in browser
            x.getResponseHeaders().set("X-Frame-Options", "DENY");
            x.getResponseHeaders().set("Content-Security-Policy", "frame-ancestors 'none'");
            boolean action = ACTIONS.contains(path);
            if (action ? !method.equals("POST") : !method.equals("GET") && !method.equals("HEAD")) {
                String allowed = action ? "POST" : "GET, HEAD";
                // checked before the login: which methods a path takes is no secret, and a probe sent with
                // the wrong method must not read as healthy
                x.getResponseHeaders().set("Allow", allowed);
                sendText(x, 405, "text/plain; charset=utf-8", path + " takes " + allowed + " only, not " + method + "\n");
                return;
            }
            if (path.equals("/health/live") || path.equals("/health/ready")) {
                ObjectNode answer = path.endsWith("live") ? health.live() : health.ready();
                sendJson(x, Health.up(answer) ? 200 : 503, answer);
                return;
            }
            java.net.InetAddress from = x.getRemoteAddress().getAddress();
            String authorization = x.getRequestHeaders().getFirst("Authorization");
            long wait = login.waitSeconds(authorization, from);
            if (wait > 0) {
                x.getResponseHeaders().set("Retry-After", Long.toString(wait));
                sendText(x, 429, "text/plain; charset=utf-8", "too many failed logins as this user from "
                        + from.getHostAddress() + "; try again in " + wait + " s\n");
                return;
            }
            Optional<Sender> sender = login.sender(authorization, from);
            if (sender.isEmpty()) {
                x.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + Login.REALM + "\", charset=\"UTF-8\"");
                sendText(x, 401, "text/plain; charset=utf-8", "log in as a user of the broker's users file\n");
                return;
            }
            Sender who = sender.get();
            if (method.equals("POST")) {
                // a form or an image on another site cannot set this header, and a script there needs our
                // permission (CORS) to: so a browser that holds the login cannot be made to cancel from elsewhere
                if (x.getRequestHeaders().getFirst("X-Muster-Request") == null) {
                    sendText(x, 403, "text/plain; charset=utf-8", "POST needs the header X-Muster-Request\n");
                    return;
                }
                switch (path) {
                    case "/api/cancel" -> control(x, who, request("cancel").set("jobIds", ids(x)));
                    case "/api/resubmit" -> control(x, who, request("resubmit").put("jobId", param(x, "id")));
                    default -> sendText(x, 404, "text/plain; charset=utf-8", "no such action\n");
                }
                return;
            }
            switch (path) {
                case "/metrics" -> {
                    String text = metrics.scrape();
                    sendText(x, text == null ? 503 : 200, PROMETHEUS_TEXT, text == null ? "" : text);
                }
                case "/api/me" -> sendJson(x, 200, me(who));
                case "/api/queue" -> control(x, who, queueRequest(x));
                case "/api/job" -> control(x, who, request("job").put("jobId", param(x, "id")));
                case "/api/output" -> output(x, who);
                case "/api/flows" -> sendJson(x, 200, flowList(who));
                case "/api/stats" -> sendJson(x, 200, stats());
                case "/api/events" -> stream(x);
                case "/", "/flows" -> resource(x, "index.html", "text/html; charset=utf-8");
                case "/static/app.js" -> resource(x, "app.js", "text/javascript; charset=utf-8");
                case "/static/app.css" -> resource(x, "app.css", "text/css; charset=utf-8");
                default -> {
                    if (path.startsWith("/job/")) {
                        resource(x, "index.html", "text/html; charset=utf-8");
                    } else {
                        sendText(x, 404, "text/plain; charset=utf-8", "not found\n");
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            sendText(x, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
        } catch (IOException e) {
            LOG.log(Level.FINE, "HTTP exchange ended early", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "HTTP request " + x.getRequestURI() + " failed", e);
            sendText(x, 500, "text/plain; charset=utf-8", "the server failed on this request: " + e + "\n");
        }
    }

    private static ObjectNode request(String action) {
        return JSON.createObjectNode().put("action", action);
    }

    /** {@code /api/queue?state=running&user=ann&backend=local&name=x*&limit=200}, as {@code muster queue} asks. */
    private static ObjectNode queueRequest(HttpExchange x) {
        Map<String, String> q = query(x);
        ObjectNode filter = JSON.createObjectNode();
        for (String field : List.of("state", "user", "backend", "partition", "name")) {
            String value = q.get(field);
            if (value != null && !value.isBlank()) {
                filter.put(field, value);
            }
        }
        if (!filter.has("state")) {
            filter.put("state", "all");
        }
        String limit = q.getOrDefault("limit", "200");
        try {
            filter.put("limit", Integer.parseInt(limit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, was '" + limit + "'");
        }
        ObjectNode r = request("queue");
        r.set("filter", filter);
        return r;
    }

    private void control(HttpExchange x, Sender who, ObjectNode request) throws IOException {
        ControlRequests requests = control.requests();
        if (requests == null) {
            sendText(x, 503, "text/plain; charset=utf-8", "the server is starting or stopping\n");
            return;
        }
        ObjectNode answer = requests.handle(request.toString(), who);
        sendJson(x, status(answer), answer);
    }

    /** The HTTP status of a control answer, by its error code. */
    private static int status(ObjectNode answer) {
        if (!"ERROR".equals(answer.path("status").asText())) {
            return 200;
        }
        return switch (answer.path("error").asText()) {
            case "UNKNOWN_JOB", "UNKNOWN_FLOW" -> 404;
            case "FORBIDDEN" -> 403;
            case "BACKEND_UNAVAILABLE" -> 503;
            case "SERVER_ERROR" -> 500;
            default -> 400;
        };
    }

    /** A job's stdout or stderr through the control protocol's {@code output}, cut to its last {@value #TAIL_CHARS} characters. */
    private void output(HttpExchange x, Sender who) throws IOException {
        ControlRequests requests = control.requests();
        if (requests == null) {
            sendText(x, 503, "text/plain; charset=utf-8", "the server is starting or stopping\n");
            return;
        }
        String stream = query(x).getOrDefault("stream", "stdout");
        ObjectNode answer = requests.handle(request("output").put("jobId", param(x, "id")).put("stream", stream)
                .toString(), who);
        String text = answer.path("text").asText("");
        if (text.length() > TAIL_CHARS) {
            answer.put("text", text.substring(text.length() - TAIL_CHARS));
            answer.put("tail", true);
        }
        sendJson(x, status(answer), answer);
    }

    private static ObjectNode me(Sender who) {
        ObjectNode me = JSON.createObjectNode().put("login", who.login()).put("unrestricted", who.unrestricted());
        ArrayNode roles = me.putArray("roles");
        for (UserRole role : UserRole.values()) {
            if (who.has(role)) {
                roles.add(role.word());
            }
        }
        return me;
    }

    /** The flows seen lately, each as {@code muster flow status} shows it. */
    private ObjectNode flowList(Sender who) {
        ObjectNode out = JSON.createObjectNode().put("status", "OK");
        ArrayNode list = out.putArray("flows");
        FlowRequests requests = new FlowRequests(flows);
        for (long id : events.recentFlows()) {
            ObjectNode answer = requests.handle(request("status").put("executionId", id).toString(), null, who);
            if (answer.has("flow")) {
                list.add(answer.get("flow"));
            }
        }
        return out;
    }

    private ObjectNode stats() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode minutes = out.putArray("minutes");
        for (Throughput.Minute m : metrics.lastHour()) {
            minutes.addObject().put("start", m.start().toString()).put("completed", m.completed())
                    .put("failed", m.failed()).put("coresBusy", m.coresBusy()).put("cores", m.cores());
        }
        return out;
    }

    /** Server-Sent Events: every job and flow change, as it happens, until the browser goes. */
    private void stream(HttpExchange x) throws IOException {
        if (events.subscribers() >= MAX_STREAMS && events.cutStuckWriters(LiveEvents.WRITE_TIMEOUT) == 0) {
            sendText(x, 503, "text/plain; charset=utf-8", "too many pages follow this server; try again later\n");
            return;
        }
        LiveEvents.Client client = events.subscribe();
        try {
            x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            x.sendResponseHeaders(200, 0);
            stream(x.getResponseBody(), client);
        } finally {
            events.unsubscribe(client);
        }
    }

    /** Writes a client's events until it is dropped, its connection fails, or its write is cut. */
    static void stream(OutputStream out, LiveEvents.Client client) throws IOException {
        try {
            write(out, client, "retry: 2000\n: connected\n\n");
            while (!client.dropped) {
                String frame = client.events.poll(15, TimeUnit.SECONDS);
                if (client.dropped) {
                    break;
                }
                StringBuilder batch = new StringBuilder(frame == null ? ": still here\n\n" : frame);
                String more;
                while ((more = client.events.poll()) != null && batch.length() < 64 * 1024) {
                    batch.append(more);
                }
                write(out, client, batch.toString());
            }
        } catch (InterruptedException e) {
            // the server stops, or a write was cut just as it ended: the stream ends either way
        } finally {
            client.ended();
        }
    }

    private static void write(OutputStream out, LiveEvents.Client client, String text) throws IOException {
        client.writing();
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } finally {
            client.written();
        }
    }

    private static void resource(HttpExchange x, String name, String type) throws IOException {
        try (InputStream in = HttpFrontend.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                sendText(x, 404, "text/plain; charset=utf-8", "missing " + name + "\n");
                return;
            }
            x.getResponseHeaders().set("Cache-Control", "no-cache");
            send(x, 200, type, in.readAllBytes());
        }
    }

    private static ArrayNode ids(HttpExchange x) {
        ArrayNode ids = JSON.createArrayNode();
        String id = query(x).get("id");
        if (id != null && !id.isBlank()) {
            ids.add(id);
            return ids;
        }
        try {
            JsonNode body = JSON.readTree(x.getRequestBody());
            body.path("jobIds").forEach(n -> ids.add(n.asText()));
        } catch (IOException e) {
            throw new IllegalArgumentException("the body must be JSON: {\"jobIds\": [...]}");
        }
        return ids;
    }

    private static String param(HttpExchange x, String name) {
        String v = query(x).get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the parameter '" + name + "' is missing");
        }
        return v;
    }

    static Map<String, String> query(HttpExchange x) {
        Map<String, String> out = new HashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static void sendJson(HttpExchange x, int status, JsonNode body) throws IOException {
        send(x, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    private static void sendText(HttpExchange x, int status, String type, String body) throws IOException {
        send(x, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

}
