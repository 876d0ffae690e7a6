package io.muster.cli;

import io.muster.client.CancelResult;
import io.muster.client.Muster;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code muster cancel ID…}: cancels jobs, queued or running, on whichever backend they are. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel jobs. Jobs on a backend end CANCELLED shortly after; 'muster wait' waits for that.",
                "  muster queue --ids -n 'align*' | xargs muster cancel"},
        footer = {"", "Exit status: 0 every job is cancelled or had ended; 1 a backend refused or the request was refused"
                + " for a job; 2 a job id is unknown (as for get and wait); 69 no Muster server at the URL."})
class CancelCommand extends ClientCommand {

    @Parameters(paramLabel = "ID", arity = "1..*", description = "job ids")
    List<String> ids;

    @Override
    int run(Muster muster) {
        boolean refused = false;
        boolean unknown = false;
        for (CancelResult r : muster.cancel(ids)) {
            if (r.ok()) {
                out().println(r.message());
            } else {
                err().println("muster: " + r.message());
                unknown |= r.outcome() == CancelResult.Outcome.NOT_FOUND;
                refused |= r.outcome() != CancelResult.Outcome.NOT_FOUND;
            }
        }
        // an unknown id is a usage error, as get and wait say (2); it wins over a refusal
        return unknown ? ExitStatus.USAGE : refused ? ExitStatus.JOB_FAILED : ExitStatus.OK;
    }
}
