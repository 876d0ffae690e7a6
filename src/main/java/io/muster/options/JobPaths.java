package io.muster.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Job-file paths as the scheduler will open them. A relative {@code outfile} or {@code errfile}
 * means "in the job's directory" ({@code WORK_ROOT/jobs/ID}): Muster writes it there as an
 * absolute path, so no scheduler resolves it against another directory ({@code runpath}, qsub's
 * working directory). Checks follow links the way the kernel does, one component at a time.
 */
public final class JobPaths {

    /** Stands for the job's directory before the job has an id; one component, like an id. */
    private static final String ANY_JOB = "JOB";

    private JobPaths() {
    }

    /** Where a job-file option points for a job whose directory is {@code root/jobs/ID}. */
    public static Path resolve(Path root, Path option) {
        return option.isAbsolute() ? option : root.resolve("jobs").resolve(ANY_JOB).resolve(option);
    }

    /** The directory of the job being checked, before it has an id. */
    static Path jobDirectory(Path root) {
        return root.resolve("jobs").resolve(ANY_JOB);
    }

    /** The same, lexically normalised (no links followed). */
    static Path lexical(Path root, Path option) {
        return resolve(root, option).normalize();
    }

    /** A job-file option as the job's scheduler gets it: absolute, against the job's directory. */
    public static String absolute(Path jobDir, String option) {
        Path p = Path.of(option);
        return p.isAbsolute() ? option : jobDir.resolve(p).toString();
    }

    /**
     * The real path of {@code path}: every existing component with its links followed (a
     * {@code ..} after a link goes up from the link's target, as the kernel does), the rest as
     * written.
     */
    public static Path real(Path path) {
        return real(path, 0);
    }

    /** Links followed at most this deep, as the kernel's 40: a loop of links reads as "not there". */
    private static final int MAX_LINKS = 40;

    private static Path real(Path path, int depth) {
        Path absolute = path.toAbsolutePath();
        Path current = absolute.getRoot();
        for (Path part : absolute) {
            String name = part.toString();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            current = current.resolve(name);
            if (Files.isSymbolicLink(current)) {
                try {
                    current = current.toRealPath();
                } catch (IOException dangling) {
                    // a dangling link (or a loop): where it points decides
                    try {
                        Path target = Files.readSymbolicLink(current);
                        if (depth < MAX_LINKS) {
                            current = real(current.getParent().resolve(target), depth + 1);
                        }
                    } catch (IOException | UnsupportedOperationException unreadable) {
                        // judged by its own path
                    }
                }
            }
        }
        return current;
    }
}
