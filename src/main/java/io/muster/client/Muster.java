package io.muster.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Destinations;
import io.muster.api.JobState;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A connection to a Muster server, through its broker.
 *
 * <pre>{@code
 * try (Muster muster = Muster.connect("tcp://127.0.0.1:61616")) {
 *     JobHandle job = muster.command("echo hello").cores(2).mem("4GB").submit();
 *     job.await(Duration.ofMinutes(5));
 *     System.out.print(job.stdout());
 * }
 * }</pre>
 *
 * <p>One client holds one broker connection; it is thread-safe and meant to be shared. Requests
 * wait at most {@link #requestTimeout(Duration) the request timeout} (30 s by default) for the
 * server's answer. Closing the client ends every subscription and fails the futures of handles
 * still waiting.
 */
public final class Muster implements AutoCloseable {

    /** Where a server started with {@code muster server} listens. */
    public static final String DEFAULT_URL = "tcp://127.0.0.1:61616";
    /** The environment variable {@link #connect()} reads the URL from. */
    public static final String URL_VARIABLE = "MUSTER_URL";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Selectors with thousands of ids are slow to evaluate; a few hundred per subscription is plenty. */
    private static final int IDS_PER_SUBSCRIPTION = 200;
    private static final Logger LOG = Logger.getLogger(Muster.class.getName());

    private static volatile Muster lastConnected;

    private final String url;
    private final String user;
    private final Connection connection;
    private final Session sendSession;
    private final MessageProducer producer;
    private final TemporaryQueue replies;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Set<JobHandle> waiting = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private volatile Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private volatile boolean closed;

    private Muster(String url, String user, String password) {
        this.url = url;
        this.user = user != null ? user : System.getProperty("user.name");
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "muster-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ActiveMQConnectionFactory factory;
        try {
            factory = factory(url);
        } catch (IllegalArgumentException e) {
            threads.shutdown();
            throw e;
        }
        Connection c = null;
        try {
            c = user == null ? factory.createConnection() : factory.createConnection(user, password);
            c.setExceptionListener(this::connectionLost);
            sendSession = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = sendSession.createProducer(null);
            Session replySession = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            replies = replySession.createTemporaryQueue();
            replySession.createConsumer(replies).setMessageListener(this::onReply);
            c.start();
            connection = c;
        } catch (JMSSecurityException e) {
            close(c);
            threads.shutdown();
            throw MusterLoginException.refused(url, user, e);
        } catch (JMSException | RuntimeException e) {
            close(c);
            threads.shutdown();
            throw new MusterUnavailableException(url, unavailable(url, e), e);
        }
    }

    /**
     * The connection factory for {@code url}. A URL no broker could listen at is the caller's
     * mistake, not a missing server: Artemis would report it as one (or log a stack trace for a
     * port that is not a number) after trying to connect.
     *
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    private static ActiveMQConnectionFactory factory(String url) {
        ActiveMQConnectionFactory factory;
        try {
            factory = new ActiveMQConnectionFactory(url);
        } catch (RuntimeException e) {
            throw badUrl(url, rootMessage(e));
        }
        // a discovery URL (udp://, jgroups://) has no static connectors to check
        org.apache.activemq.artemis.api.core.TransportConfiguration[] connectors = factory.getStaticConnectors();
        for (org.apache.activemq.artemis.api.core.TransportConfiguration t
                : connectors == null ? new org.apache.activemq.artemis.api.core.TransportConfiguration[0] : connectors) {
            Object host = t.getParams().get("host");
            Object port = t.getParams().get("port");
            if (t.getParams().containsKey("host") && host == null) {
                throw badUrl(url, "no host");
            }
            if (port != null) {
                int n;
                try {
                    n = Integer.parseInt(port.toString());
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < 1 || n > 65535) {
                    throw badUrl(url, "no port from 1 to 65535");
                }
            }
        }
        return factory;
    }

    private static IllegalArgumentException badUrl(String url, String why) {
        return new IllegalArgumentException("'" + url + "' is not a broker URL (" + why + "): write it as "
                + DEFAULT_URL + ", or (tcp://HOST1:PORT,tcp://HOST2:PORT)?ha=true");
    }

    /**
     * Why nothing could be used at {@code url}. A broker that took the connection but never
     * answered it is not a missing server: one that is still starting (resuming its jobs) or
     * overloaded, worth another try.
     */
    static String unavailable(String url, Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.apache.activemq.artemis.api.core.ActiveMQConnectionTimedOutException) {
                return "the broker at " + url + " took the connection but did not answer it in time (a Muster server"
                        + " still starting, or overloaded): try again (" + rootMessage(e) + ")";
            }
        }
        return "no Muster server is running at " + url + " (" + rootMessage(e) + ")";
    }

    /**
     * Connects without credentials: what a server without {@code broker.users} allows (on loopback).
     *
     * @throws MusterLoginException if the broker wants a login
     */
    public static Muster connect(String url) {
        return connect(url, null, null);
    }

    /**
     * Connects as {@code user}; submissions carry that user name, so {@code queue().user(...)} finds them.
     *
     * @throws IllegalArgumentException   if {@code url} is null or blank, or not a broker URL
     * @throws MusterUnavailableException if nothing answers at the URL
     * @throws MusterLoginException       if the broker refuses the credentials (or wants some)
     */
    public static Muster connect(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            // not a server that is missing: nothing names one
            throw new IllegalArgumentException("the url of a Muster server's broker is required, such as " + DEFAULT_URL
                    + "; was " + (url == null ? "null" : "'" + url + "'"));
        }
        Muster muster = new Muster(url, user, password);
        lastConnected = muster;
        return muster;
    }

    /** Connects to {@code $MUSTER_URL}, or {@link #DEFAULT_URL} if it is not set. */
    public static Muster connect() {
        String url = System.getenv(URL_VARIABLE);
        return connect(url == null || url.isBlank() ? DEFAULT_URL : url);
    }

    /** The client connected last and not yet closed: what {@link JobRequest#submit()} uses. */
    static Muster defaultClient() {
        Muster m = lastConnected;
        if (m == null || m.closed) {
            throw new IllegalStateException("no open Muster client: call Muster.connect(url) first,"
                    + " or use submit(muster)");
        }
        return m;
    }

    public String url() {
        return url;
    }

    /** The user name submissions carry: the one given to {@code connect}, else the local user. */
    public String user() {
        return user;
    }

    /**
     * How long a request waits for the server's answer (30 s by default).
     *
     * @throws IllegalArgumentException for null, zero or a negative duration: no answer could come
     *                                  in time, and the request message would never expire
     */
    public Muster requestTimeout(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must be a positive duration, was " + timeout);
        }
        this.requestTimeout = timeout;
        return this;
    }

    /** A request bound to this client: {@code muster.command("…").cores(2).submit()}. */
    public JobRequest command(String... words) {
        return JobRequest.command(words).client(this);
    }

    /** A request for an existing script file, run as it is, bound to this client. */
    public JobRequest script(Path file, String... args) {
        return JobRequest.script(file, args).client(this);
    }

    /**
     * Submits a job and returns its handle once the server accepted it.
     *
     * @throws SubmissionRejectedException listing every violation, if the server refused it
     */
    public JobHandle submit(JobRequest request) {
        ensureOpen();
        String requestId = request.requestId() != null ? request.requestId() : UUID.randomUUID().toString();
        JobHandle handle = new JobHandle(this, requestId, request.name());
        // subscribe before sending: a fast job can end before the reply arrives
        handle.follow(subscribe("requestId = " + literal(requestId), handle::onEvent));
        JsonNode reply;
        try {
            reply = request(Destinations.SUBMIT_QUEUE, request.toJson(requestId, user), true);
        } catch (RuntimeException e) {
            handle.detach();
            throw e;
        }
        try {
            Replies.check(reply, null);
        } catch (MusterException e) {
            handle.detach();
            throw e;
        }
        accepted(handle, reply);
        return handle;
    }

    private void accepted(JobHandle handle, JsonNode reply) {
        handle.accepted(Json.text(reply, "jobId"));
        waiting.add(handle);
        if (!JobState.ACCEPTED.name().equals(reply.path("state").asText(JobState.ACCEPTED.name()))) {
            // the request id was known already: this is an older job, maybe long finished
            handle.update(info(handle.id()));
        }
    }

    /**
     * A handle on a job submitted earlier (by anyone).
     *
     * @throws UnknownJobException if the server has no such job
     */
    public JobHandle job(String id) {
        return jobs(List.of(id)).get(0);
    }

    /**
     * Handles on jobs submitted earlier, in the order given; one subscription per few hundred jobs,
     * whose states are asked all at once (a wait on thousands costs a round trip per few hundred).
     */
    public List<JobHandle> jobs(Collection<String> ids) {
        ensureOpen();
        List<String> list = List.copyOf(ids);
        List<JobHandle> handles = new ArrayList<>();
        for (int from = 0; from < list.size(); from += IDS_PER_SUBSCRIPTION) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + IDS_PER_SUBSCRIPTION));
            Map<String, JobHandle> byId = new LinkedHashMap<>();
            for (String id : chunk) {
                JobHandle h = byId.computeIfAbsent(id, k -> new JobHandle(this, null, null));
                h.accepted(id);
            }
            Subscription shared = subscribe("jobId IN (" + String.join(", ", byId.keySet().stream()
                    .map(Muster::literal).toList()) + ")", e -> {
                        JobHandle h = byId.get(e.jobId());
                        if (h != null) {
                            h.onEvent(e);
                        }
                    });
            SharedSubscription counted = new SharedSubscription(shared, byId.size());
            // every job's state asked at once, then the answers read: one round trip per chunk, not one per job
            List<Pending> asked = new ArrayList<>();
            try {
                for (JobHandle h : byId.values()) {
                    h.follow(counted);
                    waiting.add(h);
                    asked.add(send(Destinations.CONTROL_QUEUE, Json.MAPPER.createObjectNode().put("action", "job")
                            .put("jobId", h.id()), false));
                }
                int i = 0;
                for (JobHandle h : byId.values()) {
                    h.update(JobInfo.parse(Replies.check(await(asked.get(i++)), h.id()).path("job")));
                }
            } catch (RuntimeException e) {
                asked.forEach(p -> pending.remove(p.correlation()));
                byId.values().forEach(JobHandle::detach);
                throw e;
            }
            chunk.forEach(id -> handles.add(byId.get(id)));
        }
        return handles;
    }

    /** The queue, to narrow with filters: {@code muster.queue().running().user("ann").list()}. */
    public QueueQuery queue() {
        return new QueueQuery(this);
    }

    /**
     * Everything the server knows of a job: options, scheduler id, state history with times,
     * exit code, paths, resubmission links.
     *
     * @throws UnknownJobException if the server has no such job
     */
    public JobInfo info(String id) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", "job").put("jobId", id);
        return JobInfo.parse(control(request).path("job"));
    }

    /** Cancels jobs; one result per id, in order. Jobs that reached a backend end CANCELLED shortly after. */
    public List<CancelResult> cancel(Collection<String> ids) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", "cancel");
        ids.forEach(request.putArray("jobIds")::add);
        List<CancelResult> out = new ArrayList<>();
        for (JsonNode r : control(request).path("results")) {
            out.add(new CancelResult(Json.text(r, "jobId"), CancelResult.Outcome.valueOf(r.path("result").asText()),
                    Json.state(r, "state"), Json.text(r, "message")));
        }
        return out;
    }

    public List<CancelResult> cancel(String... ids) {
        return cancel(List.of(ids));
    }

    /**
     * Runs a job again: same command, options, backend and profile, a new job id, linked to the
     * old one ({@link JobInfo#resubmittedFrom()}).
     *
     * @throws SubmissionRejectedException if the options no longer pass (a smaller pool, say)
     * @throws UnknownJobException         if the server has no such job
     */
    public JobHandle resubmit(String id) {
        ensureOpen();
        String requestId = UUID.randomUUID().toString();
        JobHandle handle = new JobHandle(this, requestId, null);
        handle.follow(subscribe("requestId = " + literal(requestId), handle::onEvent));
        JsonNode reply;
        try {
            reply = request(Destinations.CONTROL_QUEUE, Json.MAPPER.createObjectNode().put("action", "resubmit").put("jobId", id)
                    .put("requestId", requestId), false);
        } catch (RuntimeException e) {
            handle.detach();
            throw e;
        }
        try {
            Replies.check(reply, id);
        } catch (MusterException e) {
            handle.detach();
            throw e;
        }
        accepted(handle, reply);
        return handle;
    }

    /**
     * Deletes finished jobs' scripts (job.sh, wrapper.sh) on the server and, if {@code outputs},
     * their stdout, stderr and bookkeeping files; a job directory left empty goes too. Files the
     * command wrote itself are never touched; jobs still active are skipped.
     */
    public List<CleanResult> clean(Collection<String> ids, boolean outputs) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", "clean").put("outputs", outputs);
        ids.forEach(request.putArray("jobIds")::add);
        return cleanResults(control(request));
    }

    /** {@link #clean(Collection, boolean)} for every finished job the query matches (its state view is ignored). */
    public List<CleanResult> cleanFinished(QueueQuery which, boolean outputs) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", "clean").put("outputs", outputs);
        ObjectNode filter = which.filter();
        filter.remove("state");
        filter.remove("states");
        request.set("filter", filter);
        return cleanResults(control(request));
    }

    private static List<CleanResult> cleanResults(JsonNode answer) {
        List<CleanResult> out = new ArrayList<>();
        for (JsonNode r : answer.path("results")) {
            out.add(new CleanResult(Json.text(r, "jobId"), Json.strings(r.get("deleted")), Json.text(r, "skipped"),
                    "UNKNOWN_JOB".equals(Json.text(r, "code"))));
        }
        return out;
    }

    /**
     * Renders a request without running it: checks it as a submission, writes the job script and
     * the backend's wrapper to the job directory it would have, and returns both.
     *
     * @throws SubmissionRejectedException listing every violation, if it would be refused
     */
    public DryRun dryRun(JobRequest request) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("action", "render");
        body.set("submission", request.toJson(request.requestId(), user));
        JsonNode answer = control(body);
        return new DryRun(Json.text(answer, "jobId"), Json.text(answer, "backend"), Json.text(answer, "dir"),
                answer.path("script").path("path").asText(), answer.path("script").path("text").asText(),
                answer.path("wrapper").path("path").asText(), answer.path("wrapper").path("text").asText(),
                Json.strings(answer.get("submitCommand")));
    }

    /**
     * Tells the server that a job's stdout and stderr were read: a job submitted with
     * {@code clean_outputs} has them deleted then. A server that does not know the request (an
     * older one) or refuses it leaves the files; the caller has read them either way.
     */
    void collected(String id) {
        try {
            request(Destinations.CONTROL_QUEUE, Json.MAPPER.createObjectNode().put("action", "collected").put("jobId", id), false);
        } catch (MusterException | IllegalStateException e) {
            // a closed client or a server that cannot say: the files stay, nothing lost
        }
    }

    /**
     * Gives the running server new profiles (every {@code [profiles.NAME]} table, as in
     * muster.toml): submissions from now on use them, until the server restarts and reads its own
     * file. Needs {@code admin} on a server with users. Returns the profile names it now has.
     *
     * @throws MusterException with the server's reason if it refused them (a bad value, no right)
     */
    public List<String> useProfiles(Map<String, ? extends Map<String, ?>> tables) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", "profiles");
        request.set("profiles", Json.MAPPER.valueToTree(tables));
        return Json.strings(control(request).get("profiles"));
    }

    /**
     * The user's whole queue on a cluster scheduler of the server ({@code slurm}, {@code torque}),
     * jobs not submitted through Muster included, from one status call of the scheduler.
     *
     * @throws MusterException if the server does not run that backend or the scheduler did not answer
     */
    public List<SchedulerQueueJob> schedulerQueue(String backend) {
        JsonNode answer = control(Json.MAPPER.createObjectNode().put("action", "queue").put("scheduler", backend));
        List<SchedulerQueueJob> jobs = new ArrayList<>();
        for (JsonNode j : answer.path("jobs")) {
            jobs.add(new SchedulerQueueJob(backend, Json.text(j, "schedulerId"), Json.text(j, "jobId"),
                    Json.text(j, "name"), Json.text(j, "user"), Json.text(j, "partition"), Json.state(j, "state"),
                    Json.text(j, "nodes"), Json.integer(j, "nodeCount"), Json.integer(j, "cpus"),
                    Json.text(j, "reason"), Json.instant(j, "started")));
        }
        return jobs;
    }

    /** The server's answer to {@code ping}: which backends it runs. Also a cheap check that a server is there. */
    public List<String> backends() {
        return Json.strings(control(Json.MAPPER.createObjectNode().put("action", "ping")).get("backends"));
    }

    /** A job's stdout or stderr as the server reads it (for clients that do not share its file system). */
    String output(String id, String stream) {
        return control(Json.MAPPER.createObjectNode().put("action", "output").put("jobId", id).put("stream", stream))
                .path("text").asText();
    }

    /**
     * Subscribes to {@code muster.events}. {@code selector} is a JMS selector over the event
     * properties {@code jobId, state, group, backend, name, user, requestId, exitCode, type}
     * (null for every event), e.g. {@code "group IN ('GOOD','BAD') AND backend = 'slurm'"}.
     * The listener runs on a client thread, one event at a time, in publication order.
     */
    public Subscription events(String selector, Consumer<JobEvent> listener) {
        ensureOpen();
        return subscribe(selector, listener);
    }

    /**
     * A durable subscription: events published while no subscriber is connected wait in the
     * broker under {@code name} until one connects again with the same name (and selector). Two
     * clients using one name share the events between them.
     */
    public Subscription durableEvents(String name, String selector, Consumer<JobEvent> listener) {
        ensureOpen();
        try {
            return new EventSubscription(connection, selector, name, listener, threads);
        } catch (JMSException e) {
            throw failure("cannot subscribe to " + Destinations.EVENTS_TOPIC + " as '" + name + "'", e);
        }
    }

    /** The broker's dead-letter queue, for admins: browse, send back, delete. */
    public DeadLetters deadLetters() {
        ensureOpen();
        return new DeadLetters(connection, url, user);
    }

    private Subscription subscribe(String selector, Consumer<JobEvent> listener) {
        try {
            return new EventSubscription(connection, selector, null, listener, threads);
        } catch (JMSException e) {
            throw failure("cannot subscribe to " + Destinations.EVENTS_TOPIC, e);
        }
    }

    /**
     * Sends a control request and returns the answer, or throws the exception its error code
     * names ({@link Replies}) if it was refused.
     */
    JsonNode control(ObjectNode request) {
        return Replies.check(request(Destinations.CONTROL_QUEUE, request, false), request.path("jobId").asText(null));
    }

    /** Sends a request to {@code muster.flows}; a refused one throws {@link FlowRejectedException}. */
    JsonNode flowRequest(ObjectNode request) {
        return Replies.checkFlow(request(Destinations.FLOWS_QUEUE, request, false));
    }

    /**
     * Starts, follows, restarts and stops flows; subscribes to their events now, so none of a
     * flow it starts is missed. Close it when done.
     */
    public FlowControl flows() {
        ensureOpen();
        try {
            return new FlowControl(this, connection, threads);
        } catch (JMSException e) {
            throw failure("cannot subscribe to " + Destinations.EVENTS_TOPIC, e);
        }
    }

    /**
     * Request/reply over the temporary reply queue. Submissions are persistent (they must survive a
     * broker restart); control requests are not and expire with the timeout, so a request nobody
     * answered does not linger.
     */
    private JsonNode request(String queue, ObjectNode body, boolean persistent) {
        return await(send(queue, body, persistent));
    }

    /** A request sent whose answer is awaited: many can be out at once, each with its own deadline. */
    private record Pending(String queue, String correlation, CompletableFuture<JsonNode> answer, long deadline,
                           Duration timeout) {
    }

    /** Sends a request and returns at once; {@link #await} takes its answer (and must be called). */
    private Pending send(String queue, ObjectNode body, boolean persistent) {
        ensureOpen();
        Duration timeout = requestTimeout;
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(correlation, answer);
        try {
            synchronized (sendSession) {
                TextMessage message = sendSession.createTextMessage(body.toString());
                message.setJMSCorrelationID(correlation);
                message.setJMSReplyTo(replies);
                producer.send(sendSession.createQueue(queue), message,
                        persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY,
                        persistent ? 0 : timeout.toMillis());
            }
        } catch (JMSException e) {
            pending.remove(correlation);
            throw failure("cannot send to '" + queue + "'", e);
        }
        return new Pending(queue, correlation, answer, System.nanoTime() + timeout.toNanos(), timeout);
    }

    private JsonNode await(Pending p) {
        try {
            return p.answer().get(Math.max(0, p.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new MusterException("no answer from Muster at " + url + " on '" + p.queue() + "' within "
                    + p.timeout().toSeconds() + " s: the broker is there, but is a Muster server running behind it?");
        } catch (ExecutionException e) {
            throw MusterException.rethrown(e.getCause(), "request to " + p.queue() + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MusterException("interrupted while waiting for Muster's answer on '" + p.queue() + "'", e);
        } finally {
            pending.remove(p.correlation());
        }
    }

    private void onReply(Message message) {
        try {
            CompletableFuture<JsonNode> answer = pending.get(message.getJMSCorrelationID());
            if (answer != null) {
                answer.complete(Json.parse(EventSubscription.body(message)));
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "unreadable reply from Muster", e);
        }
    }

    private void connectionLost(JMSException e) {
        MusterUnavailableException lost = new MusterUnavailableException(url, "lost the connection to Muster at "
                + url + " (" + rootMessage(e) + ")", e);
        pending.values().forEach(f -> f.completeExceptionally(lost));
        waiting.forEach(h -> h.fail(lost));
    }

    /**
     * A failed send or subscription: the broker's refusal of a right (an observer sending to
     * {@code muster.submit}) is a {@link MusterLoginException} with the broker's reason, not a
     * missing server.
     */
    private MusterException failure(String what, JMSException e) {
        if (closed) {
            return new MusterException("this Muster client is closed", e);
        }
        if (e instanceof JMSSecurityException) {
            String reason = rootMessage(e);
            return new MusterLoginException(url, user, what + ": the broker at " + url + " refused "
                    + (user == null ? "a connection without a user name" : "user '" + user + "'") + ": "
                    + reason.lines().findFirst().orElse(reason), e);
        }
        return new MusterUnavailableException(url, what + " at " + url + ": " + rootMessage(e), e);
    }

    void forget(JobHandle handle) {
        waiting.remove(handle);
    }

    void runLater(Runnable task) {
        try {
            threads.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Muster client is closed");
        }
    }

    /** A selector string literal: quotes doubled, so no value can change the selector. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() != null ? t.getMessage() : e.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (JMSException e) {
                LOG.log(Level.FINE, "closing a failed connection", e);
            }
        }
    }

    /** Closes the connection; handles still waiting fail with a {@link MusterException}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (lastConnected == this) {
            lastConnected = null;
        }
        MusterException gone = new MusterException("the Muster client was closed");
        waiting.forEach(h -> h.fail(gone));
        waiting.clear();
        pending.values().forEach(f -> f.completeExceptionally(gone));
        close(connection);
        threads.shutdown();
    }

    /** One subscription shared by several handles: closed when the last of them lets go. */
    private static final class SharedSubscription implements Subscription {
        private final Subscription delegate;
        private final AtomicInteger users;

        SharedSubscription(Subscription delegate, int users) {
            this.delegate = delegate;
            this.users = new AtomicInteger(users);
        }

        @Override
        public void close() {
            if (users.decrementAndGet() == 0) {
                delegate.close();
            }
        }
    }
}
