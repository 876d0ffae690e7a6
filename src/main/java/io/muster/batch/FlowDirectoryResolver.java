package io.muster.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.jberet.tools.AbstractJobXmlResolver;

/** Finds job XML by name in a directory: {@code NAME} or {@code NAME.xml}, never outside it. */
final class FlowDirectoryResolver extends AbstractJobXmlResolver {

    private final Path dir;

    FlowDirectoryResolver(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    /** The file for a name, or null. */
    Path find(String name) {
        String file = name.endsWith(".xml") ? name : name + ".xml";
        Path candidate = dir.resolve(file).normalize();
        return candidate.startsWith(dir) && Files.isRegularFile(candidate) ? candidate : null;
    }

    @Override
    public InputStream resolveJobXml(String jobXml, ClassLoader classLoader) throws IOException {
        Path file = find(jobXml);
        return file == null ? null : Files.newInputStream(file);
    }

    @Override
    public Collection<String> getJobXmlNames(ClassLoader classLoader) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".xml") && Files.isRegularFile(p))
                    .map(p -> dir.relativize(p).toString().replaceFirst("\\.xml$", ""))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
