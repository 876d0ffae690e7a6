package io.muster.options;

import java.nio.file.Path;
import java.util.List;

/**
 * The directory job files must stay inside, and the paths inside it no job file may reach (the
 * job database, the broker journal, the users file, …); handed to {@link OptionValuesValidator}
 * as the validator's payload.
 */
public record WorkRoot(Path path, List<Path> protectedPaths) {
    public WorkRoot {
        path = path.toAbsolutePath().normalize();
        protectedPaths = protectedPaths == null ? List.of()
                : protectedPaths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public WorkRoot(Path path) {
        this(path, List.of());
    }
}
