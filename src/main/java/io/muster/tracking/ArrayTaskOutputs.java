package io.muster.tracking;

import io.muster.job.JobFiles;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * An array job's output, on every backend: once the job has ended, its {@code stdout} and
 * {@code stderr} are its tasks' ({@code stdout.1}, {@code stdout.2}, …) one after the other in
 * index order, so {@code muster get} and the client's {@code stdout()} return every task in
 * order. Runs before the final state is published (and before {@code clean_files}), so whoever
 * the event wakes finds them.
 */
@ApplicationScoped
public class ArrayTaskOutputs {

    private static final Logger LOG = Logger.getLogger(ArrayTaskOutputs.class.getName());

    void onEnd(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) JobChanged change) {
        if (!change.job().state().isFinal() || change.job().workDir() == null) {
            return;
        }
        JobFiles files = JobFiles.of(change.job());
        files.taskIndices().ifPresent(tasks -> {
            concatenate(files.stdout(), tasks);
            concatenate(files.stderr(), tasks);
        });
    }

    private static void concatenate(Path whole, List<Integer> tasks) {
        try (OutputStream out = Files.newOutputStream(whole)) {
            for (int index : tasks) {
                Path part = JobFiles.task(whole, index);
                if (Files.exists(part)) {
                    Files.copy(part, out);
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "cannot gather the tasks' output into " + whole + ": " + e);
        }
    }
}
