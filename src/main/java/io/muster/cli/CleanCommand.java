package io.muster.cli;

import io.muster.api.JobId;
import io.muster.client.CleanResult;
import io.muster.client.Muster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code muster clean}: deletes finished jobs' scripts (and with {@code --outputs} their output
 * files) through the server, or, given a directory, the files under it that look like Muster's.
 */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Delete finished jobs' scripts (job.sh, wrapper.sh), and with --outputs their stdout, stderr",
                "and bookkeeping files; a job directory left empty goes too. Files a job wrote itself stay.",
                "  muster clean ID…           those jobs, through the server",
                "  muster clean --done        every finished job (asks first, unless --yes)",
                "  muster clean DIR           files under DIR named as Muster names them, no server needed",
                "                             (asks first, unless --yes)"},
        footer = {"", "Exit status: 0 done; 1 something was skipped or not confirmed; 2 usage error or unknown job;",
                "69 no Muster server at the URL."})
class CleanCommand extends ClientCommand {

    @Option(names = "--outputs", description = "also delete stdout, stderr, exitcode, started and pid")
    boolean outputs;

    @Option(names = "--done", description = "every finished job the server knows")
    boolean done;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Parameters(paramLabel = "ID|DIR", arity = "0..*", description = "job ids, or one directory")
    List<String> targets;

    @Override
    public Integer call() throws Exception {
        List<String> args = targets == null ? List.of() : targets;
        if (args.size() == 1 && !JobId.looksLikeJobId(args.get(0)) && Files.isDirectory(Path.of(args.get(0)))) {
            return cleanDirectory(Path.of(args.get(0)));
        }
        if (args.isEmpty() == !done) {
            throw new ParameterException(spec.commandLine(), "give job ids, a directory, or --done");
        }
        return super.call();
    }

    @Override
    int run(Muster muster) throws IOException {
        List<CleanResult> results;
        if (done) {
            if (!confirm("Delete the " + (outputs ? "scripts and outputs" : "scripts") + " of every finished job?")) {
                return ExitStatus.JOB_FAILED;
            }
            results = muster.cleanFinished(muster.queue(), outputs);
        } else {
            results = muster.clean(targets, outputs);
        }
        int status = ExitStatus.OK;
        int files = 0;
        int cleaned = 0;
        for (CleanResult r : results) {
            files += r.deleted().size();
            if (r.skipped() == null) {
                cleaned++;
            } else if (r.unknownJob()) {
                // an unknown id is a usage error, as for cancel, get and wait
                err().println("muster: " + r.skipped());
                status = ExitStatus.USAGE;
            } else {
                err().println("muster: skipped " + r.jobId() + ": " + r.skipped());
                status = status == ExitStatus.USAGE ? status : ExitStatus.JOB_FAILED;
            }
        }
        int skipped = results.size() - cleaned;
        out().println("deleted " + files + " paths of " + cleaned + " jobs" + (skipped == 0 ? "" : "; " + skipped
                + " skipped"));
        return status;
    }

    private int cleanDirectory(Path dir) throws IOException {
        List<JobFileSweep.Found> found = JobFileSweep.find(dir, outputs);
        List<JobFileSweep.Found> toDelete = found.stream().filter(f -> f.skipped() == null).toList();
        found.stream().filter(f -> f.skipped() != null)
                .forEach(f -> err().println("muster: leaving " + f.dir() + ": " + f.skipped()));
        int count = toDelete.stream().mapToInt(f -> f.files().size()).sum();
        if (count == 0) {
            out().println("nothing of Muster's to delete under " + dir);
            out().flush();
            return ExitStatus.OK;
        }
        toDelete.forEach(f -> f.files().forEach(p -> out().println(p)));
        if (!confirm("Delete these " + count + " files of " + toDelete.size() + " jobs?")) {
            return ExitStatus.JOB_FAILED;
        }
        int deleted = JobFileSweep.delete(toDelete);
        out().println("deleted " + deleted + " paths");
        out().flush();
        return ExitStatus.OK;
    }

    /** Asks on the terminal, or reads the answer from stdin (so {@code yes | muster clean DIR} works). */
    private boolean confirm(String question) throws IOException {
        if (yes) {
            return true;
        }
        out().print(question + " [y/N] ");
        out().flush();
        String answer = System.console() != null ? System.console().readLine()
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        boolean ok = answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        if (!ok) {
            err().println("muster: nothing deleted" + (answer == null ? " (no answer; use --yes)" : ""));
            err().flush();
        }
        return ok;
    }
}
