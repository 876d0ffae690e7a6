package io.muster.messaging.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JobId;
import io.muster.config.UserRole;
import io.muster.job.JobRecord;
import io.muster.messaging.Sender;
import io.muster.messaging.Submissions;
import io.muster.options.OptionResolver;
import io.muster.queue.JobControl;
import io.muster.queue.QueueView;
import io.muster.scheduler.Schedulers;
import io.muster.store.Database;
import io.muster.store.JobStore;
import io.muster.tracking.JobLifecycle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the control actions work on, without a broker: an in-memory job store, a lifecycle over
 * it (accepting without announcing: no CDI here), no backends, and a work root of the test's.
 */
final class ControlFixture implements AutoCloseable {

    static final Sender ANN = Sender.of("ann", Set.of(UserRole.OBSERVE, UserRole.SUBMIT));
    static final Sender OLGA = Sender.of("olga", Set.of(UserRole.OBSERVE, UserRole.SUBMIT));
    static final Sender VIEWER = Sender.of("vic", Set.of(UserRole.OBSERVE));
    static final Sender ADMIN = Sender.of("root", Set.of(UserRole.OBSERVE, UserRole.SUBMIT, UserRole.ADMIN));

    final Path workRoot;
    final Database database = new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    final JobStore store = new JobStore(database.dataSource());
    final JobLifecycle lifecycle = new JobLifecycle() {
        @Override
        public JobStore store() {
            return store;
        }

        @Override
        public List<JobRecord> acceptAll(List<JobRecord> jobs) {
            return store().insertAll(jobs);
        }
    };
    final Schedulers schedulers = new Schedulers();
    final List<JobRecord> started = new ArrayList<>();

    ControlFixture(Path workRoot) {
        this.workRoot = workRoot;
    }

    KnownJobs jobs() {
        return new KnownJobs(control());
    }

    QueueView view() {
        return new QueueView(store);
    }

    JobControl control() {
        return new JobControl(lifecycle, schedulers, workRoot);
    }

    Submissions submissions() {
        return new Submissions(new OptionResolver(), schedulers, workRoot);
    }

    ControlRequests requests() {
        return new ControlRequests(lifecycle, schedulers, submissions(), workRoot, started::add);
    }

    /** A job of {@code user}'s, stored as accepted. */
    JobRecord stored(String user) {
        JobRecord job = JobRecord.accepted(JobId.generate(), null, "test", "echo hi", "local", null,
                Map.of("cores", 1), workRoot, user);
        return store.insertOrGet(job);
    }

    /** A job of {@code user}'s with these options, stored as accepted as they are (unchecked: a record of an older server). */
    JobRecord stored(String user, Map<String, Object> options) {
        return store.insertOrGet(JobRecord.accepted(JobId.generate(), null, "test", "echo hi", "local", null,
                options, workRoot, user));
    }

    static ObjectNode request(String action) {
        return Submissions.JSON.createObjectNode().put("action", action);
    }

    static ObjectNode request(String action, JobRecord job) {
        return request(action).put("jobId", job.id().value());
    }

    static String error(JsonNode answer) {
        return answer.path("error").asText();
    }

    @Override
    public void close() {
        store.close();
        database.close();
    }
}
