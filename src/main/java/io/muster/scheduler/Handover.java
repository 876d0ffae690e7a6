package io.muster.scheduler;

/**
 * The outcome of handing one job to a backend: its scheduler id, or why the backend refused it.
 *
 * @param schedulerId null when refused
 * @param refusal     null when taken
 */
public record Handover(JobSubmission job, String schedulerId, SchedulerException refusal) {

    public static Handover taken(JobSubmission job, String schedulerId) {
        return new Handover(job, schedulerId, null);
    }

    public static Handover refused(JobSubmission job, SchedulerException why) {
        return new Handover(job, null, why);
    }

    public boolean accepted() {
        return refusal == null;
    }
}
