package io.muster.cli;

import io.muster.client.JobRequest;
import io.muster.options.Keyword;
import io.muster.options.Keywords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of a job on the command line: the common keywords as flags, any other with {@code -o}.
 * One option given twice, by flag, synonym or {@code -o} in any mix, is a usage error naming both
 * ({@code -m 1GB -o mem=2GB}: which one did you mean?); {@code depends} is the exception: every
 * {@code -d} and {@code -o depends=} adds its ids, none is dropped.
 */
class JobOptionsMixin {

    @Option(names = {"-c", "--cores"}, paramLabel = "N", description = "cores") Integer cores;
    @Option(names = {"-m", "--mem"}, paramLabel = "SIZE", description = "memory, e.g. 4GB") String mem;
    @Option(names = {"-t", "--time"}, paramLabel = "TIME", description = "wall-clock limit, e.g. 01:00:00") String time;
    @Option(names = {"-n", "--name"}, description = "job name") String name;
    @Option(names = {"-p", "--partition"}, description = "partition (queue)") String partition;
    @Option(names = {"-b", "--backend"}, description = "auto, local, slurm, torque, sge, or local@HOST") String backend;
    @Option(names = "--profile", description = "profile of defaults") String profile;
    @Option(names = {"-d", "--depends"}, paramLabel = "ID", split = ",",
            description = "job ids that must complete first (repeatable, or comma-separated; -o depends=ID adds to them)")
    List<String> depends;
    @Option(names = {"-o", "--option"}, paramLabel = "NAME=VALUE",
            description = "any catalogue option, synonyms included (repeatable; each option once)") List<String> extra;

    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    /** Applies the flags to a request; {@code defaultBackend} when -b is not given (null: the server's choice). */
    JobRequest apply(JobRequest request, String defaultBackend) {
        List<String> dependencies = depends == null ? new ArrayList<>() : new ArrayList<>(depends);
        Map<String, String> givenAs = new LinkedHashMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        flag("cores", "-c", cores, givenAs, options);
        flag("mem", "-m", mem, givenAs, options);
        flag("time", "-t", time, givenAs, options);
        flag("partition", "-p", partition, givenAs, options);
        flag("name", "-n", name, givenAs, options);
        for (String entry : extra == null ? List.<String>of() : extra) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw usage("-o takes NAME=VALUE, was '" + entry + "'");
            }
            String key = entry.substring(0, eq);
            String value = entry.substring(eq + 1);
            Optional<String> canonical = Keywords.find(key).map(Keyword::name);
            if (canonical.filter("depends"::equals).isPresent()) {
                for (String id : value.split(",")) {
                    if (!id.isBlank()) {
                        dependencies.add(id.strip());
                    }
                }
                continue;
            }
            // an unknown keyword goes to the server as it is, which names it and the closest known one
            once(canonical.orElse(key), "-o " + entry, givenAs);
            options.put(key, value);
        }
        options.forEach((key, value) -> {
            if (key.equals("name")) {
                request.name((String) value);
            } else {
                request.option(key, value);
            }
        });
        String chosen = backend != null ? backend : defaultBackend;
        if (chosen != null) {
            request.backend(chosen);
        }
        if (profile != null) {
            request.profile(profile);
        }
        if (!dependencies.isEmpty()) {
            request.dependsOn(dependencies.toArray(String[]::new));
        }
        return request;
    }

    private void flag(String option, String flag, Object value, Map<String, String> givenAs, Map<String, Object> options) {
        if (value != null) {
            once(option, flag + " " + value, givenAs);
            options.put(option, value);
        }
    }

    private void once(String option, String as, Map<String, String> givenAs) {
        String before = givenAs.putIfAbsent(option, as);
        if (before != null) {
            throw usage("option " + option + " is given twice, as '" + before + "' and as '" + as
                    + "'; give it once");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
