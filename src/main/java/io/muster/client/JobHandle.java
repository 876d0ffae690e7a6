package io.muster.client;

import io.muster.api.JobId;
import io.muster.api.JobResult;
import io.muster.api.JobState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A submitted job, followed through its events. {@link #state()} is the latest state the events
 * told (no round trip); {@link #await(Duration)} and {@link #onCompletion()} end with its final
 * state; {@link #stdout()}, {@link #stderr()} and {@link #exitCode()} wait for the end first, as
 * fyrd's {@code get} did.
 *
 * <p>A handle lives as long as its client: closing the client fails the handles still waiting.
 */
public final class JobHandle {

    private final Muster client;
    private final String requestId;
    private volatile String id;
    private volatile String name;
    private volatile JobState state = JobState.ACCEPTED;
    private volatile String stdoutPath;
    private volatile String stderrPath;
    private final CompletableFuture<JobResult> completion = new CompletableFuture<>();
    private Subscription subscription;
    private boolean ended;
    /** stdout and stderr once collected; null before. */
    private byte[][] collected;

    JobHandle(Muster client, String requestId, String name) {
        this.client = client;
        this.requestId = requestId;
        this.name = name;
    }

    /** Muster's id of the job. */
    public String id() {
        return id;
    }

    /** The job's name (the command's first word unless one was given). */
    public String name() {
        return name;
    }

    /** The key the submission carried; a second submission with the same key gets this same job. */
    public String requestId() {
        return requestId;
    }

    /** The latest state the job's events told; final once the job has ended. */
    public JobState state() {
        return state;
    }

    /** True once the job has ended (COMPLETED or a bad state). */
    public boolean isDone() {
        return state.isFinal();
    }

    /**
     * Waits for the job to end.
     *
     * @return the final state: COMPLETED, or the bad state it ended in (FAILED, CANCELLED, TIMEOUT, …)
     * @throws JobTimeoutException  naming the job and its state, if it is still going after {@code timeout}
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws MusterException      if the connection to Muster is lost or the client closed meanwhile
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public JobState await(Duration timeout) throws InterruptedException {
        return result(timeout).state();
    }

    /** Waits for the job to end, however long it takes. */
    public JobState await() throws InterruptedException {
        return result(null).state();
    }

    /**
     * Completes with the job's result (final state, exit code, reason) when it ends, on a client
     * thread; completes exceptionally with a {@link MusterException} if the connection is lost.
     */
    public CompletableFuture<JobResult> onCompletion() {
        return completion.thenApply(r -> r);
    }

    /** The job's exit code once it has ended (waits for that), or null if it never ran or was killed. */
    public Integer exitCode() throws InterruptedException {
        return result(null).exitCode();
    }

    /**
     * The job's standard output, once it has ended (waits for that). The first call of this or
     * {@link #stderr()} collects both streams, as fyrd's {@code get} did, and tells the server so:
     * a job submitted with {@code clean_outputs} then has its stdout and stderr files deleted,
     * and this handle keeps what was read.
     */
    public String stdout() throws InterruptedException {
        return new String(stdoutBytes(), StandardCharsets.UTF_8);
    }

    /** The job's standard error, once it has ended (waits for that); see {@link #stdout()}. */
    public String stderr() throws InterruptedException {
        return new String(stderrBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The job's standard output as bytes, once it has ended (waits for that): the file's bytes as
     * they are when this machine sees it (binary output intact), else the server's text in UTF-8.
     */
    public byte[] stdoutBytes() throws InterruptedException {
        result(null);
        return collect()[0].clone();
    }

    /** The job's standard error as bytes, once it has ended (waits for that); see {@link #stdoutBytes()}. */
    public byte[] stderrBytes() throws InterruptedException {
        result(null);
        return collect()[1].clone();
    }

    /** stdout and stderr, read once; the server is told they were collected. */
    private synchronized byte[][] collect() {
        if (collected == null) {
            collected = new byte[][] {read(stdoutPath, "stdout"), read(stderrPath, "stderr")};
            client.collected(id);
        }
        return collected;
    }

    /** Everything the server knows of the job now: options, history with times, paths. */
    public JobInfo info() {
        return client.info(id);
    }

    /** Cancels the job; its CANCELLED state follows through the events. */
    public CancelResult cancel() {
        return client.cancel(List.of(id)).get(0);
    }

    /** Runs the job again with the same options; returns the new job's handle. */
    public JobHandle resubmit() {
        return client.resubmit(id);
    }

    JobResult result(Duration timeout) throws InterruptedException {
        Jobs.checkTimeout(timeout);
        try {
            return timeout == null ? completion.get() : completion.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new JobTimeoutException(List.of(String.valueOf(id)), timeout, "job " + this + " has not ended after "
                    + Jobs.human(timeout));
        } catch (ExecutionException e) {
            throw MusterException.rethrown(e.getCause(), "waiting for job " + id + " failed");
        }
    }

    /** Reads the file where the server wrote it if this machine sees it, else asks the server for it. */
    private byte[] read(String path, String stream) {
        if (path != null) {
            Path file = Path.of(path);
            if (Files.isReadable(file)) {
                try {
                    return Files.readAllBytes(file);
                } catch (IOException e) {
                    // fall through to the server
                }
            }
        }
        return client.output(id, stream).getBytes(StandardCharsets.UTF_8);
    }

    // --- fed by the client -------------------------------------------------------------------

    synchronized void follow(Subscription events) {
        if (ended) {
            events.close();
        } else {
            this.subscription = events;
        }
    }

    void accepted(String jobId) {
        if (id == null) {
            id = jobId;
        }
    }

    /** An event on the job's subscription. */
    void onEvent(JobEvent event) {
        if (event.state() == null || event.state() == JobState.REJECTED) {
            return;
        }
        accepted(event.jobId());
        if (!event.jobId().equals(id)) {
            return;
        }
        if (event.name() != null) {
            name = event.name();
        }
        if (event.stdout() != null) {
            stdoutPath = event.stdout();
            stderrPath = event.stderr();
        }
        advance(event.state(), event.exitCode(), event.reason());
    }

    /** What the server answered when asked about the job. */
    void update(JobInfo info) {
        name = info.name();
        stdoutPath = info.stdout();
        stderrPath = info.stderr();
        advance(info.state(), info.exitCode(), info.reason());
    }

    private void advance(JobState next, Integer exitCode, String reason) {
        synchronized (this) {
            if (ended) {
                return;
            }
            state = next;
            if (!next.isFinal()) {
                return;
            }
            ended = true;
        }
        JobResult result = new JobResult(JobId.of(id), next, exitCode, reason);
        release();
        client.forget(this);
        client.runLater(() -> completion.complete(result));
    }

    /** The connection is gone or the client closed: waiting can only fail now. */
    void fail(MusterException why) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        release();
        client.runLater(() -> completion.completeExceptionally(why));
    }

    /** Stops following without an end (the submission was refused). */
    void detach() {
        synchronized (this) {
            ended = true;
        }
        release();
    }

    private void release() {
        Subscription s;
        synchronized (this) {
            s = subscription;
            subscription = null;
        }
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return id + " (" + (name == null ? "?" : name) + ", " + state + ")";
    }
}
