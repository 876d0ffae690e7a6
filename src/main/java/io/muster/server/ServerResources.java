package io.muster.server;

import io.muster.batch.JobLauncher;
import io.muster.config.MusterConfig;
import io.muster.messaging.Broker;
import io.muster.messaging.BrokerLink;
import io.muster.messaging.Submissions;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.Database;
import io.muster.store.JobStore;
import io.muster.store.ServerLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * What one run of the server is made of, given to every bean by injection: the settings, the
 * database and job store, the broker and the link to it, the local pool and the submission rules.
 * {@link MusterServer} makes them with {@code new} (each from the ones it needs, so their order is
 * the compiler's), hands them over here in one piece, and only then starts the beans, which take
 * what they use from their injected {@code Provider}s when they start. No bean has an {@code open}
 * or {@code attach} of its own to be called first.
 *
 * <p>Asked for outside a run, a resource throws {@link IllegalStateException}.
 */
@ApplicationScoped
public class ServerResources {

    /** One run's resources, complete before any bean starts; {@code leases} holds this run's row among the servers'. */
    record Run(ServerLeases leases, MusterConfig config, Database database, JobStore store, Broker broker, BrokerLink link,
               LocalScheduler local, Submissions rules) {
    }

    private volatile Run run;

    void begin(Run resources) {
        this.run = resources;
    }

    void end() {
        this.run = null;
    }

    private Run run() {
        Run r = run;
        if (r == null) {
            throw new IllegalStateException("Muster is not started: no server resources");
        }
        return r;
    }

    @Produces
    @Dependent
    MusterConfig config() {
        return run().config();
    }

    @Produces
    @Dependent
    Database database() {
        return run().database();
    }

    @Produces
    @Dependent
    JobStore store() {
        return run().store();
    }

    @Produces
    @Dependent
    Broker broker() {
        return run().broker();
    }

    @Produces
    @Dependent
    BrokerLink link() {
        return run().link();
    }

    @Produces
    @Dependent
    LocalScheduler local() {
        return run().local();
    }

    @Produces
    @Dependent
    ServerLeases leases() {
        return run().leases();
    }

    @Produces
    @Dependent
    Submissions rules() {
        return run().rules();
    }

    /** A flow's jobs are checked by exactly the rules a message on {@code muster.submit} is. */
    @Produces
    @Dependent
    JobLauncher.Rules launcherRules() {
        Submissions rules = run().rules();
        return json -> {
            Submissions.Outcome outcome = rules.read(json);
            return new JobLauncher.Checked(outcome.job(), outcome.violations());
        };
    }
}
