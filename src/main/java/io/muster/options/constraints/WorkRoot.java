package io.muster.options.constraints;

import java.nio.file.Path;

/** The directory job files must stay inside; handed to {@link InsideWorkRootValidator} as the validator's payload. */
public record WorkRoot(Path path) {
    public WorkRoot {
        path = path.toAbsolutePath().normalize();
    }
}
