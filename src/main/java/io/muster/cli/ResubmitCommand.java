package io.muster.cli;

import io.muster.client.JobHandle;
import io.muster.client.Muster;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code muster resubmit ID…}: runs jobs again with the same command and options, as new linked jobs. */
@Command(name = "resubmit", mixinStandardHelpOptions = true,
        description = {"Run jobs again: same command, options, backend and profile; a new job id each, linked to",
                "the old one ('muster queue NEW' shows it). Prints the new ids, one a line.",
                "  muster queue --failed --ids | xargs muster resubmit"},
        footer = {"", ExitStatus.FOOTER})
class ResubmitCommand extends ClientCommand {

    @Parameters(paramLabel = "ID", arity = "1..*", description = "job ids")
    List<String> ids;

    @Override
    int run(Muster muster) {
        for (String id : ids) {
            JobHandle again = muster.resubmit(id);
            out().println(again.id());
        }
        return ExitStatus.OK;
    }
}
