package io.muster.client;

import java.util.List;

/**
 * A submission rendered but not run: the job script (modules, then the command) and the wrapper
 * its backend would run (the scheduler's directives, such as {@code #SBATCH} lines, then the
 * script, then the exit-code file), exactly as submit writes them. The server has written both
 * to {@code dir}; nothing was stored, queued or published.
 *
 * @param jobId         the id the job would have had; no job has it
 * @param submitCommand the command that would hand the wrapper to the scheduler ({@code sbatch
 *                      --parsable …}), empty for the local pool, which runs the wrapper itself
 */
public record DryRun(String jobId, String backend, String dir, String scriptPath, String script, String wrapperPath,
                     String wrapper, List<String> submitCommand) {

    public DryRun {
        submitCommand = submitCommand == null ? List.of() : List.copyOf(submitCommand);
    }
}
