package io.muster.scheduler.local;

/**
 * Where a pool job is, as one value: its stage, whether it is being ended from outside (and how),
 * and whether its process is watched rather than reported by the spawner. Replaced whole at each
 * change, so no combination of separate flags can disagree.
 *
 * @param stage    waiting for dependencies, queued for room, being started, or running
 * @param ending   null, or why it is being ended: a cancel or its time limit (the first one counts)
 * @param watched  its process was not started by this pool's spawner (re-attached, or its spawner
 *                 died): its end is found by looking, not reported
 */
record JobPhase(Stage stage, Ending ending, boolean watched) {

    enum Stage { WAITING, QUEUED, STARTING, RUNNING }

    enum Ending { CANCEL, TIMEOUT }

    static final JobPhase WAITING = new JobPhase(Stage.WAITING, null, false);
    static final JobPhase QUEUED = new JobPhase(Stage.QUEUED, null, false);

    JobPhase starting() {
        return new JobPhase(Stage.STARTING, ending, false);
    }

    /** Started: by the spawner ({@code watched} false) or found running ({@code watched} true); an ending asked while starting stays. */
    JobPhase running(boolean watched) {
        return new JobPhase(Stage.RUNNING, ending, watched);
    }

    /** Its spawner is gone: from now on its end is looked for. */
    JobPhase watchedFromNow() {
        return new JobPhase(stage, ending, true);
    }

    /** Being ended for this reason, unless an earlier one is under way. */
    JobPhase endingBy(Ending why) {
        return ending != null ? this : new JobPhase(stage, why, watched);
    }

    boolean is(Stage s) {
        return stage == s;
    }

    boolean isEnding() {
        return ending != null;
    }
}
