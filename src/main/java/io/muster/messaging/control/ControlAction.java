package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.messaging.Sender;

/**
 * One action of {@code muster.control}: a parsed request in, an answer out (built by
 * {@link Answers}). A request the action cannot read throws {@link IllegalArgumentException},
 * which {@link ControlRequests} answers as {@code BAD_REQUEST}; what the sender may not do is
 * answered {@code FORBIDDEN} by the action itself, which knows the job.
 */
interface ControlAction {

    ObjectNode answer(JsonNode request, Sender sender);
}
