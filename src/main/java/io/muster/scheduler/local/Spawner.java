package io.muster.scheduler.local;

import java.nio.file.Path;

/**
 * Starts job wrappers in sessions of their own and signals their process groups. Starting is
 * asynchronous: the outcome comes back through {@link Events}, as does the end of every process
 * this spawner started. Processes it did not start (re-attached after a restart) are not
 * reported; the pool watches those itself.
 */
interface Spawner extends AutoCloseable {

    /** What a spawner reports; for any one process, in the order things happened. */
    interface Events {
        /** The wrapper runs as {@code pid}, which is also its session and process group id. */
        void started(String token, long pid);

        /** The wrapper could not be started. */
        void failed(String token, String why);

        /**
         * A wrapper this spawner started has ended: with {@code exitCode}, or killed by
         * {@code signal} (then exitCode is null).
         */
        void exited(long pid, Integer exitCode, Integer signal);

        /** The spawner itself died; processes it started are no longer reported. */
        void lost(String why);
    }

    /**
     * Starts {@code bash wrapper} in {@code dir}, in a new session, stdin from /dev/null, its own
     * stdout/stderr discarded (the wrapper sends the job's to its files). The pid is written to
     * {@code pidFile} before the wrapper runs.
     */
    void start(String token, Path pidFile, Path dir, Path wrapper);

    /** Sends {@code signal} (TERM, KILL) to every process of the group. */
    void signalGroup(long pgid, String signal);

    /** Stops the spawner; the processes it started keep running. */
    @Override
    void close();
}
