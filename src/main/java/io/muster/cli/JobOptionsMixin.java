package io.muster.cli;

import io.muster.client.JobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of a job on the command line: the common keywords as flags, any other with {@code -o}. */
class JobOptionsMixin {

    @Option(names = {"-c", "--cores"}, paramLabel = "N", description = "cores") Integer cores;
    @Option(names = {"-m", "--mem"}, paramLabel = "SIZE", description = "memory, e.g. 4GB") String mem;
    @Option(names = {"-t", "--time"}, paramLabel = "TIME", description = "wall-clock limit, e.g. 01:00:00") String time;
    @Option(names = {"-n", "--name"}, description = "job name") String name;
    @Option(names = {"-p", "--partition"}, description = "partition (queue)") String partition;
    @Option(names = {"-b", "--backend"}, description = "auto, local, slurm, torque") String backend;
    @Option(names = "--profile", description = "profile of defaults") String profile;
    @Option(names = {"-d", "--depends"}, paramLabel = "ID", split = ",",
            description = "job ids that must complete first (repeatable, or comma-separated)") List<String> depends;
    @Option(names = {"-o", "--option"}, paramLabel = "NAME=VALUE",
            description = "any catalogue option, synonyms included (repeatable)") Map<String, String> extra;

    /** Applies the flags to a request; {@code defaultBackend} when -b is not given (null: the server's choice). */
    JobRequest apply(JobRequest request, String defaultBackend) {
        if (extra != null) {
            extra.forEach(request::option);
        }
        if (cores != null) {
            request.cores(cores);
        }
        if (mem != null) {
            request.mem(mem);
        }
        if (time != null) {
            request.time(time);
        }
        if (partition != null) {
            request.partition(partition);
        }
        if (name != null) {
            request.name(name);
        }
        String chosen = backend != null ? backend : defaultBackend;
        if (chosen != null) {
            request.backend(chosen);
        }
        if (profile != null) {
            request.profile(profile);
        }
        if (depends != null) {
            request.dependsOn(new ArrayList<>(depends).toArray(String[]::new));
        }
        return request;
    }
}
