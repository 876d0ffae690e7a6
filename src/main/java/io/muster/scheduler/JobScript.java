package io.muster.scheduler;

import io.muster.api.ShellWords;
import io.muster.job.JobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The job script, fyrd's "job file": the modules to load, in order, then the user's command as
 * they wrote it. The same for every backend; what differs per backend is the wrapper around it.
 */
public final class JobScript {

    private JobScript() {
    }

    public static String render(String command, Map<String, Object> options) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        Object modules = options.get("modules");
        if (modules instanceof List<?> list) {
            for (Object module : list) {
                s.append("module load ").append(ShellWords.quote(module.toString())).append('\n');
            }
        }
        s.append(command).append('\n');
        return s.toString();
    }

    public static void write(JobFiles files, String command, Map<String, Object> options) throws IOException {
        Files.createDirectories(files.dir());
        Files.writeString(files.script(), render(command, options));
        var array = io.muster.job.ArrayIndices.of(options);
        if (array.isPresent()) {
            StringBuilder tasks = new StringBuilder();
            array.get().indices().forEach(i -> tasks.append(i).append('\n'));
            Files.writeString(files.tasks(), tasks.toString());
        }
    }
}
