package io.muster.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Flows ({@code muster.flows}) through a {@link Muster} client: start, restart, status, stop,
 * and following an execution's events on {@code muster.events} to its end. It subscribes to
 * flow events when made, before it asks anything, so no event of a flow it starts is missed.
 * Answers are the server's JSON ({@code asyncapi.yaml}); a refused request throws
 * {@link FlowRejectedException} with every problem.
 */
public final class FlowControl implements AutoCloseable {

    /** After this long without an event of the execution, ask for its status. */
    private static final Duration QUIET = Duration.ofSeconds(10);

    private final Muster muster;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final Subscription subscription;

    FlowControl(Muster muster, Connection connection, Executor threads) throws JMSException {
        this.muster = muster;
        this.subscription = new EventSubscription(connection, "flowExecutionId IS NOT NULL", null, threads,
                body -> events.add(Json.parse(body)));
    }

    /** Starts a flow (a file the server can read, or a name in its flows directory): the answer, with {@code executionId}. */
    public JsonNode start(String flow, Map<String, String> parameters) {
        return muster.flowRequest(withParameters(Json.MAPPER.createObjectNode().put("flow", flow), parameters));
    }

    /** Restarts a failed or stopped execution: the answer, with the new {@code executionId}. */
    public JsonNode restart(long executionId, Map<String, String> parameters) {
        return muster.flowRequest(withParameters(action("restart", executionId), parameters));
    }

    /** An execution's status: {@code flow, batchStatus, exitStatus, started, ended, parameters, steps, executions}. */
    public JsonNode status(long executionId) {
        return muster.flowRequest(action("status", executionId)).path("flow");
    }

    /** Asks a running execution to stop; its running jobs are cancelled. */
    public void stop(long executionId) {
        muster.flowRequest(action("stop", executionId));
    }

    /**
     * Hands each event of the execution to {@code each} until the flow's end event, which it
     * returns. After a quiet spell it asks for the status, so a flow that ended without an end
     * event (JBeret skips the listeners when its own machinery fails) does not keep it waiting.
     *
     * @param timeout null for no limit
     * @throws JobTimeoutException if the execution has not ended within {@code timeout}
     */
    public JsonNode follow(long executionId, Duration timeout, Consumer<JsonNode> each) throws InterruptedException {
        Jobs.checkTimeout(timeout);
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        long quietSince = System.nanoTime();
        while (true) {
            long left = deadline == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : deadline - System.nanoTime();
            if (left <= 0) {
                throw new JobTimeoutException(List.of(), timeout, "flow execution " + executionId + " did not end within " + timeout);
            }
            JsonNode event = events.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            if (event == null || event.path("data").path("executionId").asLong() != executionId) {
                if (System.nanoTime() - quietSince > QUIET.toNanos()) {
                    quietSince = System.nanoTime();
                    JsonNode ended = endedWithoutEvent(executionId);
                    if (ended != null) {
                        return ended;
                    }
                }
                continue;
            }
            quietSince = System.nanoTime();
            each.accept(event);
            JsonNode data = event.path("data");
            if (data.path("kind").asText().equals("flow") && !data.path("phase").asText().equals("STARTED")) {
                return event;
            }
        }
    }

    private JsonNode endedWithoutEvent(long executionId) {
        JsonNode flow = status(executionId);
        String status = flow.path("batchStatus").asText();
        if (!List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(status)) {
            return null;
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.putObject("data").put("kind", "flow").put("phase", status.equals("ABANDONED") ? "FAILED" : status)
                .put("executionId", executionId).put("flow", flow.path("flow").asText())
                .put("exitStatus", flow.path("exitStatus").asText());
        return event;
    }

    private static ObjectNode action(String action, long executionId) {
        return Json.MAPPER.createObjectNode().put("action", action).put("executionId", executionId);
    }

    private static ObjectNode withParameters(ObjectNode request, Map<String, String> parameters) {
        ObjectNode p = request.putObject("parameters");
        parameters.forEach(p::put);
        return request;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
