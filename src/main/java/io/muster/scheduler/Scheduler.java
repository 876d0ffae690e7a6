package io.muster.scheduler;

import io.muster.api.Violation;
import io.muster.options.JobOptions;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A backend that runs jobs: the local core pool or a cluster scheduler.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>{@link #submit} writes the job's wrapper (scheduler directives, the job script, the
 *       exit-code file) and hands it to the backend; it returns the backend's id for the job,
 *       or throws {@link SchedulerException} carrying the command, exit code and output.</li>
 *   <li>{@link #status} answers for many jobs with one query to the backend; an id the backend
 *       cannot account for maps to {@link io.muster.api.JobState#UNKNOWN}, never to a final
 *       state: "I could not ask" is not "done".</li>
 *   <li>{@link #cancel} asks the backend to end the jobs; their end is reported as CANCELLED
 *       through status or the listener.</li>
 *   <li>A backend that learns of changes without being asked (the local pool) reports them to
 *       the {@link StatusListener}; the others are polled through {@link #status}.</li>
 * </ul>
 */
public interface Scheduler extends AutoCloseable {

    /** The backend's name as users write it in {@code backend}: local, slurm, torque. */
    String name();

    /** Violations of this backend's limits (a local job asking for more cores than the pool has). */
    default List<Violation> check(JobOptions options) {
        return List.of();
    }

    String submit(JobSubmission submission) throws SchedulerException;

    /**
     * Hands over a chunk of jobs, in order; one refused job does not stop the others. For each
     * job, in order, its scheduler id or why the backend refused it. Backends that can take many
     * jobs at once (the local pool: one lock, one dispatch) override this.
     */
    default List<Handover> submitAll(List<JobSubmission> submissions) {
        List<Handover> out = new java.util.ArrayList<>(submissions.size());
        for (JobSubmission s : submissions) {
            try {
                out.add(Handover.taken(s, submit(s)));
            } catch (SchedulerException e) {
                out.add(Handover.refused(s, e));
            }
        }
        return out;
    }

    /**
     * Follows jobs an earlier server handed over ({@code schedulerId} known from the store): the
     * backend learns their files and limits again, as if it had submitted them itself, so that
     * {@link #status} reads their exit-code files. Called once at start, before any submit.
     */
    default void adopt(List<Handover> handedOver) {
    }

    /**
     * The scheduler ids of those of {@code jobs} that the backend already holds although Muster
     * never recorded their ids (the server died between handing them over and storing the id).
     * Found by the record each job's directory keeps of its hand-over, else by the tag every
     * submission carries (or, without one, by name); a backend that has neither finds none.
     */
    default Map<io.muster.api.JobId, String> findHandedOver(List<JobSubmission> jobs) {
        return Map.of();
    }

    /**
     * True if a job handed over whose id Muster did not record can be found after a crash (by its
     * tag, or by its files), so recording the hand-over need not wait for the disk. False makes
     * the record of every hand-over durable before the chunk ends.
     */
    default boolean findsUnrecordedHandovers() {
        return false;
    }

    /**
     * The wrapper {@link #submit} would write for this job, without writing or submitting it
     * (a dry run). Backends that put directives in the wrapper override this to add them.
     */
    default String renderWrapper(JobSubmission submission) {
        return WrapperScript.render(submission, List.of());
    }

    /**
     * The command {@link #submit} would run to hand the wrapper to the backend (a dry run shows
     * it); empty for a backend that runs the wrapper itself (the local pool).
     */
    default List<String> submitCommand(JobSubmission submission) {
        return List.of();
    }

    Map<String, SchedulerStatus> status(Collection<String> schedulerIds);

    /**
     * Of these ids of the backend's own jobs (dependencies given as a cluster's id, not a Muster
     * job's), the ones it knows nothing of: neither its queue nor its accounting lists them. Empty
     * when it cannot tell (a status command failed): not knowing is not "no such job".
     */
    default java.util.Set<String> unknownJobs(Collection<String> schedulerIds) {
        return java.util.Set.of();
    }

    /**
     * The user's whole queue on this scheduler, jobs not from Muster included, from one status
     * call; empty for a backend that has no queue of its own beside Muster's (the local pool).
     *
     * @throws SchedulerException when the scheduler does not answer
     */
    default java.util.Optional<List<SchedulerJob>> queue() throws SchedulerException {
        return java.util.Optional.empty();
    }

    void cancel(Collection<String> schedulerIds) throws SchedulerException;

    /** True if changes are pushed to the listener, false if the backend must be polled. */
    boolean pushesUpdates();

    /** How often the tracker asks a backend that does not push ({@link #pushesUpdates}) for its jobs' states. */
    default java.time.Duration pollInterval() {
        return java.time.Duration.ofSeconds(5);
    }

    void setListener(StatusListener listener);

    @Override
    default void close() {
    }
}
