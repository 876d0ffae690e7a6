package io.muster.messaging;

import io.muster.config.UserRole;
import java.util.Optional;

/**
 * What a sender may do through {@code muster.control} and {@code muster.flows}, beyond the views
 * every role has: acting on jobs needs {@code submit} and owning the job (its {@code user} is the
 * login), or {@code admin}; other changes need the role the caller names. Answers are the words
 * of a refusal, naming the sender, what she asked and the role she lacks; empty when she may.
 */
public final class Rights {

    private Rights() {
    }

    /** Why {@code sender} may not {@code what} (e.g. "stop flow execution 12"), which needs {@code needed}. */
    public static Optional<String> refusal(Sender sender, String what, UserRole needed) {
        if (sender.has(needed)) {
            return Optional.empty();
        }
        return Optional.of(sender.who() + " may not " + what + " (needs " + need(sender, needed) + ")");
    }

    /**
     * Why {@code sender} may not {@code verb} the job {@code jobId} of {@code owner} (null when the
     * job has no user, which only an admin may then touch).
     */
    public static Optional<String> refusalOnJob(Sender sender, String verb, String jobId, String owner) {
        if (sender.has(UserRole.ADMIN)) {
            return Optional.empty();
        }
        boolean owns = sender.login() != null && sender.login().equals(owner);
        if (owns && sender.has(UserRole.SUBMIT)) {
            return Optional.empty();
        }
        // the least that would do: one's own job needs submit, anybody else's admin
        UserRole needed = owns ? UserRole.SUBMIT : UserRole.ADMIN;
        String whose = owner == null ? ", which has no user" : " of " + owner;
        return Optional.of(sender.who() + " may not " + verb + " job " + jobId + whose + " (needs "
                + need(sender, needed) + ")");
    }

    /**
     * Why {@code sender} may not {@code verb} flow execution {@code executionId} owned by
     * {@code owner} (null for a flow started without a login, which any submitter may touch, as
     * before flows had owners).
     */
    public static Optional<String> refusalOnFlow(Sender sender, String verb, long executionId, String owner) {
        Optional<String> role = refusal(sender, verb + " flow execution " + executionId, UserRole.SUBMIT);
        if (role.isPresent() || owner == null || sender.has(UserRole.ADMIN) || owner.equals(sender.login())) {
            return role;
        }
        return Optional.of(sender.who() + " may not " + verb + " flow execution " + executionId + " of " + owner
                + " (needs " + need(sender, UserRole.ADMIN) + ")");
    }

    private static String need(Sender sender, UserRole needed) {
        return sender.login() != null ? needed.word()
                : needed.word() + " and a login the broker stamps on the message, which AMQP 1.0 messages lack";
    }
}
