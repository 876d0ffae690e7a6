package io.muster.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Destinations;
import io.muster.batch.Flows;
import io.muster.config.BrokerUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.logging.Logger;

/**
 * Request/reply for flows on the queue {@code muster.flows}: start, status, restart, stop (see
 * {@link FlowRequests}), answered through a {@link RequestQueue} as control requests are (a
 * failure as {@code SERVER_ERROR}). What {@code muster flow …} talks to.
 *
 * <p>Every broker role may send here; with users on the broker each request is carried out with
 * the rights of its sender's login ({@link SenderLogin}): status for all, the rest for submitters.
 */
@ApplicationScoped
public class FlowControlListener {

    private static final Logger LOG = Logger.getLogger(FlowControlListener.class.getName());

    @Inject
    Flows flows;

    /** Null when the broker has no users: nothing is checked. */
    private BrokerUsers users;
    private String ownLogin;
    private final RequestQueue queue = new RequestQueue(Destinations.FLOWS_QUEUE, this::answer);

    @Inject
    Provider<BrokerLink> links;

    /** Answers flow requests through the running server's broker link (whose users' roles, if any, decide), again after every loss. */
    public synchronized void start() throws JMSException {
        BrokerLink link = links.get();
        this.users = link.users();
        this.ownLogin = link.ownLogin();
        queue.start(link);
    }

    private ObjectNode answer(Message message) throws JMSException {
        ObjectNode answer = new FlowRequests(flows).handle(MessageBodies.text(message), message.getJMSMessageID(),
                SenderLogin.sender(message, users, ownLogin));
        if (FlowRequests.rejected(answer)) {
            LOG.info(() -> "flow request refused: " + answer.path("problems"));
        }
        return answer;
    }

    /** Off the link (no reconnect after this) and off the broker; only called once started. */
    public void stop() {
        queue.stop();
    }
}
