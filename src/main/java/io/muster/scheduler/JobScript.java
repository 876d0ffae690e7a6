package io.muster.scheduler;

import io.muster.api.ShellWords;
import io.muster.job.JobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The job script, fyrd's "job file": the modules to load, in order, then the user's command as
 * they wrote it. A module that does not load (no {@code module} command, an unknown module) ends
 * the script with exit code 127 before the command runs. The same for every backend; what
 * differs per backend is the wrapper around it.
 */
public final class JobScript {

    private JobScript() {
    }

    public static String render(String command, Map<String, Object> options) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        Object modules = options.get("modules");
        if (modules instanceof List<?> list) {
            for (Object module : list) {
                // without its modules the command would run against whatever the node has, and
                // could even end well: a module that does not load ends the job, as a bad runpath does
                String name = ShellWords.quote(module.toString());
                s.append("module load ").append(name).append(" || { printf 'muster: cannot load module %s;"
                        + " the command did not run\\n' ").append(name).append(" >&2; exit 127; }\n");
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
