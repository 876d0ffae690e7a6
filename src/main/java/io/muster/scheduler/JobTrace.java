package io.muster.scheduler;

/**
 * What Muster saw of a grid job by itself, beside the scheduler's word: some schedulers (the
 * PBS commands over Slurm) say only "ended", and a queue may forget a job before its end was
 * seen; these facts then settle how it ended.
 *
 * @param exitCode        the exit code the wrapper recorded, null if it recorded none
 * @param started         true if the wrapper started (it writes its start time first)
 * @param cancelRequested true if Muster asked the scheduler to cancel the job
 * @param hadDependencies true if the job was submitted to wait for other jobs
 * @param ranPastWalltime true if the wrapper started at least the job's {@code time} ago: a job
 *                        that ended then without an exit code hit its time limit
 * @param tasksPending    true for an array job some of whose tasks have not recorded an exit code
 *                        yet: a scheduler that shows one task for the array (Slurm's PBS commands)
 *                        may call it ended while the others still run
 */
public record JobTrace(Integer exitCode, boolean started, boolean cancelRequested, boolean hadDependencies,
                       boolean ranPastWalltime, boolean tasksPending) {

    public JobTrace(Integer exitCode, boolean started, boolean cancelRequested, boolean hadDependencies) {
        this(exitCode, started, cancelRequested, hadDependencies, false, false);
    }

    public JobTrace(Integer exitCode, boolean started, boolean cancelRequested, boolean hadDependencies,
                    boolean ranPastWalltime) {
        this(exitCode, started, cancelRequested, hadDependencies, ranPastWalltime, false);
    }
}
