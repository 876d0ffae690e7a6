package io.muster.client;

/**
 * A submission rendered but not run: the job script (modules, then the command) and the wrapper
 * its backend would run (directives, then the script, then the exit-code file). The server has
 * written both to {@code dir}; nothing was stored, queued or published.
 *
 * @param jobId the id the job would have had; no job has it
 */
public record DryRun(String jobId, String backend, String dir, String scriptPath, String script, String wrapperPath,
                     String wrapper) {
}
