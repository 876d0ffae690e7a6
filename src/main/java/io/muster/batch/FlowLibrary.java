package io.muster.batch;

import io.muster.api.FlowProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where flows come from, in this order: a path to a {@code .xml} file; a name in the configured flows
 * directory; a name in the {@code batch-jobs/} that ships (on the classpath under
 * {@code META-INF/batch-jobs/}, examples under {@code examples/}).
 */
final class FlowLibrary {

    static final String CLASSPATH_DIR = "META-INF/batch-jobs/";

    private final FlowDirectoryResolver directory;

    FlowLibrary(Path flowsDir) {
        this.directory = flowsDir == null ? null : new FlowDirectoryResolver(flowsDir);
    }

    FlowSource find(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new FlowRejectedException(new FlowProblem("flow", 0, "no flow named: give a name or a file"));
        }
        String wanted = nameOrPath.trim();
        // only XML files: a request must not learn whether any other file exists
        if (wanted.endsWith(".xml")) {
            Path file = Path.of(wanted).toAbsolutePath().normalize();
            if (Files.isRegularFile(file)) {
                return new FlowSource(file.toString(), file.toString(), read(file));
            }
            if (wanted.startsWith("/")) {
                throw new FlowRejectedException(new FlowProblem(wanted, 0, "no such file"));
            }
        }
        String name = wanted.replaceFirst("\\.xml$", "");
        if (!name.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*") || name.contains("..")) {
            throw new FlowRejectedException(new FlowProblem(wanted, 0, "not a flow name (letters, digits, '.', '_',"
                    + " '-', '/') nor an existing XML file"));
        }
        if (name.equals(BatchEngine.DISPATCH_JOB)) {
            throw new FlowRejectedException(new FlowProblem(wanted, 0, BatchEngine.DISPATCH_JOB
                    + " is the job that hands submissions to their backends, not a flow"));
        }
        if (directory != null) {
            Path file = directory.find(name);
            if (file != null) {
                return new FlowSource(file.toString(), file.toString(), read(file));
            }
        }
        String resource = CLASSPATH_DIR + name + ".xml";
        try (InputStream in = FlowLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                return new FlowSource("batch-jobs/" + name + ".xml", name,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new FlowRejectedException(new FlowProblem(resource, 0, "cannot read: " + e.getMessage()));
        }
        throw new FlowRejectedException(new FlowProblem(wanted, 0, "no flow of that name in "
                + (directory == null ? "" : directory.dir() + " or in ") + "batch-jobs/"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FlowRejectedException(new FlowProblem(file.toString(), 0, "cannot read: " + e.getMessage()));
        }
    }
}
