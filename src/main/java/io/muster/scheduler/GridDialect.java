package io.muster.scheduler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one grid scheduler (Slurm, Torque/PBS, ...) speaks: pure functions from Muster's terms to
 * command lines and from the scheduler's text back to Muster's states. A dialect runs nothing;
 * {@link GridScheduler} runs its commands, retries them, limits the submit rate and polls.
 *
 * <p>Contract:
 * <ul>
 *   <li>Commands are argument lists, never shell strings.</li>
 *   <li>{@link #statusCommand} is ONE command answering for every job of the user that the
 *       scheduler still holds (squeue {@code -u}, qstat {@code -u}); a job it no longer shows is
 *       asked of {@link #accountingCommand} in one batch for all such jobs.</li>
 *   <li>Parsers return a status only for the ids they found; an id left out is "not known here",
 *       which is never read as "done".</li>
 *   <li>Parsers throw {@link IllegalArgumentException} on text they cannot read, naming the line.</li>
 * </ul>
 */
public interface GridDialect {

    /** The backend's name as users write it: slurm, torque. */
    String name();

    /** The program that must be on the PATH for this backend to run (sbatch, qsub). */
    String submitProgram();

    /** A quick command that succeeds only when the scheduler's controller answers. */
    List<String> pingCommand();

    /**
     * Violations of what this scheduler can run, checked at submission so that a job it cannot
     * express is refused, never run wrong: by default, the items of {@code extra} its allow-list
     * does not let through.
     */
    default List<io.muster.api.Violation> check(io.muster.options.JobOptions options) {
        return extraArguments().check(options.extra());
    }

    /** The scheduler's directive lines for the head of the wrapper ({@code #SBATCH --cpus-per-task=2}). */
    List<String> directives(JobSubmission job);

    /**
     * The raw options ({@code extra}) this scheduler lets through: nothing that changes identity,
     * files or directories. A dialect without its own list lets none through.
     */
    default ExtraArguments extraArguments() {
        return ExtraArguments.NONE;
    }

    /**
     * The shell expression of an array task's index in the job's environment ({@code
     * $SLURM_ARRAY_TASK_ID}): the scheduler runs each task as a job of its own, and the wrapper
     * gives it {@code $MUSTER_ARRAY_INDEX} and files of its own.
     */
    String arrayTaskIndex();

    /** The command that submits the wrapper, dependencies included; it prints the new job's id. */
    List<String> submitCommand(JobSubmission job, Path wrapper);

    /** The new job's id from the submit command's stdout. */
    String parseSubmitted(String stdout);

    /**
     * A command that lists {@code user}'s jobs with the tag {@link #directives} gave each one, so a
     * submit that timed out can be found before it is sent again (the controller may have taken
     * it): empty if the scheduler has no such tag, and a timed-out submit is then simply retried.
     */
    default Optional<List<String>> submittedLookupCommand(String user) {
        return Optional.empty();
    }

    /** The scheduler id of {@code job} in the lookup command's output, if the controller took it. */
    default Optional<String> parseSubmittedLookup(String stdout, JobSubmission job) {
        return Optional.empty();
    }

    /**
     * True if {@link #parseSubmittedLookup} finds a job by a tag of its own (exact); false if the
     * scheduler keeps nothing of Muster's but the job's name, so {@link #parseNamesakes} guesses.
     */
    default boolean tagsJobs() {
        return true;
    }

    /**
     * For a scheduler without a tag: the ids, oldest first, of the jobs in the lookup command's
     * output that may be {@code job}: submitted by {@code user} under its name, not before
     * {@code notBefore} (to the second the scheduler keeps).
     */
    default List<String> parseNamesakes(String stdout, JobSubmission job, String user, java.time.Instant notBefore) {
        return List.of();
    }

    /** A failed lookup command that only means "no jobs" (an empty queue). */
    default boolean lookupAnswered(CommandResult result) {
        return false;
    }

    /** One command reporting all jobs of {@code user} the scheduler holds (finished ones included). */
    List<String> statusCommand(String user, Collection<String> ids);

    /** Statuses of those of {@code ids} that the status command's output shows; an array job's is its tasks' aggregate. */
    Map<String, SchedulerStatus> parseStatus(String stdout, Collection<String> ids);

    /**
     * One command listing every job of {@code user} the scheduler holds, submitted through Muster
     * or not, for {@code muster queue --scheduler}. Where the status command already lists all of
     * the user's jobs (squeue), it is that same command.
     */
    List<String> queueCommand(String user);

    /** Every job of {@code user} in the queue command's output, in the scheduler's order. */
    List<SchedulerJob> parseQueue(String stdout, String user);

    /**
     * True if a status command that exited non-zero still answered: qstat exits 153 when one of
     * the ids it was asked for is unknown, yet prints the others. Its output is then parsed.
     */
    default boolean statusAnswered(CommandResult result) {
        return false;
    }

    /**
     * How a job ended, once Muster's own trace of it is known: {@code ended} is the scheduler's
     * final status (or one made from the trace for a job the scheduler no longer lists). The
     * default keeps the scheduler's state and takes the wrapper's exit code first; a dialect whose
     * scheduler cannot tell how a job ended settles it from the trace.
     */
    default SchedulerStatus settle(SchedulerStatus ended, JobTrace trace) {
        Integer code = trace.exitCode() != null ? trace.exitCode() : ended.exitCode();
        return new SchedulerStatus(ended.state(), code, ended.reason(), ended.started(), ended.ended());
    }

    /** One command asking accounting about {@code ids}, or empty if the scheduler keeps no accounting. */
    Optional<List<String>> accountingCommand(Collection<String> ids);

    /**
     * The commands asking accounting about {@code ids}: {@link #accountingCommand} alone by
     * default; a scheduler whose accounting answers for one job per call (Grid Engine's qacct)
     * gives one command per job. Each command's output goes to {@link #parseAccounting}.
     */
    default List<List<String>> accountingCommands(Collection<String> ids) {
        return accountingCommand(ids).map(List::of).orElse(List.of());
    }

    /** True if an accounting command that exited non-zero only says it has no record of the jobs (yet). */
    default boolean accountingAnswered(CommandResult result) {
        return false;
    }

    /** Statuses of those of {@code ids} that the accounting command's output shows. */
    Map<String, SchedulerStatus> parseAccounting(String stdout, Collection<String> ids);

    /** Commands that cancel {@code ids}, as few as the scheduler's command line allows. */
    List<List<String>> cancelCommands(Collection<String> ids);

    /** True if a failed cancel only says the jobs had ended already: nothing left to do. */
    default boolean cancelledAlready(CommandResult result) {
        return false;
    }

    /** True for a failure worth another try (the controller did not answer), false for a refusal. */
    boolean isTransient(CommandResult result);

    /**
     * {@code program} with {@code ids} as its arguments, at most {@code batch} ids a command: how
     * a cancel (scancel, qdel) goes out as few commands as the command line allows.
     */
    static List<List<String>> batched(String program, List<String> ids, int batch) {
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += batch) {
            List<String> command = new ArrayList<>();
            command.add(program);
            command.addAll(ids.subList(i, Math.min(ids.size(), i + batch)));
            commands.add(command);
        }
        return commands;
    }

    /** True if the command's output holds one of {@code markers}: how a dialect tells a transient failure. */
    static boolean mentionsAny(CommandResult result, Collection<String> markers) {
        String out = result.output();
        return markers.stream().anyMatch(out::contains);
    }

    /** The scheduler's own words for a failed command, fit for a job's reason. */
    default String errorMessage(CommandResult result) {
        String output = result.output();
        return output.isBlank() ? result.command().get(0) + " failed with exit code " + result.exitCode() : output;
    }
}
