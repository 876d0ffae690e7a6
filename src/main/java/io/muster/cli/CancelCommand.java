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
        footer = {"", "Exit status: 0 every job is cancelled or had ended; 1 a job is unknown or its backend refused;"
                + " 69 no Muster server at the URL."})
class CancelCommand extends ClientCommand {

    @Parameters(paramLabel = "ID", arity = "1..*", description = "job ids")
    List<String> ids;

    @Override
    int run(Muster muster) {
        int status = ExitStatus.OK;
        for (CancelResult r : muster.cancel(ids)) {
            if (r.ok()) {
                out().println(r.message());
            } else {
                err().println("muster: " + r.message());
                status = ExitStatus.JOB_FAILED;
            }
        }
        return status;
    }
}
