package io.muster.messaging;

import io.muster.api.Destinations;
import io.muster.batch.JobLauncher;
import io.muster.config.BrokerUsers;
import io.muster.config.MusterConfig;
import io.muster.messaging.control.ControlRequests;
import io.muster.scheduler.Schedulers;
import io.muster.tracking.JobLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.jms.JMSException;

/**
 * Request/reply on {@code muster.control}: each request's JSON goes to {@link ControlRequests},
 * and its {@link RequestQueue} sends the answer back (a failure as {@code SERVER_ERROR}).
 * A request without a reply address is still carried out (a fire-and-forget cancel).
 *
 * <p>With users on the broker, each request is carried out with the rights of its sender's login
 * ({@link SenderLogin}, {@link Rights}); without users, every request is, as before.
 */
@ApplicationScoped
public class ControlListener {

    @Inject
    JobLifecycle lifecycle;

    @Inject
    Schedulers schedulers;

    @Inject
    JobLauncher launcher;

    private ControlRequests requests;
    /** Null when the broker has no users: nothing is checked. */
    private BrokerUsers users;
    private String ownLogin;
    private final RequestQueue queue = new RequestQueue(Destinations.CONTROL_QUEUE,
            message -> requests.handle(MessageBodies.text(message), SenderLogin.sender(message, users, ownLogin)));

    @Inject
    Provider<BrokerLink> links;
    @Inject
    Provider<Submissions> rules;
    @Inject
    Provider<MusterConfig> config;

    /**
     * Answers requests on {@code muster.control} through the running server's broker link, whose
     * users' roles (if any) decide what each request may do, again after every loss of the broker.
     */
    public synchronized void start() throws JMSException {
        BrokerLink link = links.get();
        this.users = link.users();
        this.ownLogin = link.ownLogin();
        requests = new ControlRequests(lifecycle, schedulers, rules.get(), config.get().workRoot(), launcher::start);
        queue.start(link);
    }

    /** The control protocol this listener answers with; the web page asks it too (same code, same checks). */
    public synchronized ControlRequests requests() {
        return requests;
    }

    /** Off the link (no reconnect after this) and off the broker; only called once started. */
    public void stop() {
        queue.stop();
    }
}
