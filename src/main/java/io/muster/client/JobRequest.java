package io.muster.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ShellWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run and with which options; a builder, then {@link #submit()}:
 *
 * <pre>{@code
 * JobHandle job = JobRequest.command("make -j4").name("build").cores(4).mem("4GB").time("1:00:00")
 *         .profile("large").dependsOn(fetch).submit(muster);
 * }</pre>
 *
 * <p>Options are the catalogue's keywords (synonyms allowed, see {@code muster keywords}); the
 * server checks them all and refuses the request with every violation listed. Values go as
 * given: {@code mem("4GB")}, {@code time("1-12:00:00")}.
 */
public final class JobRequest {

    private final String command;
    private Muster client;
    private String name;
    private String backend;
    private String profile;
    private String requestId;
    private String user;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final List<String> depends = new ArrayList<>();

    private JobRequest(String command) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("a job needs a command");
        }
        this.command = command;
    }

    /**
     * A job running a command with bash, in the job's directory unless {@link #runpath} says
     * otherwise. One word is a shell line, run as written: {@code command("make -j2 && make test")}.
     * Several words are an argv: each reaches the command as one argument, exactly as given
     * (spaces, quotes, {@code ;} and {@code $} included), as {@code exec} would pass them:
     * {@code command("sh", "-c", "exit 7")} exits 7.
     */
    public static JobRequest command(String... words) {
        if (words == null || words.length == 0) {
            throw new IllegalArgumentException("a job needs a command");
        }
        nonNull(words, "word %d of the command is null");
        return new JobRequest(words.length == 1 ? words[0] : shellLine(List.of(words)));
    }

    /** The shell line that runs {@code argv} as it is: each word quoted where the shell would change it. */
    public static String shellLine(List<String> argv) {
        StringBuilder line = new StringBuilder();
        for (String word : argv) {
            if (line.length() > 0) {
                line.append(' ');
            }
            // a first word holding '=' would read as an assignment, not as the program
            line.append(line.length() == 0 && word.contains("=") ? ShellWords.quote(word) : ShellWords.word(word));
        }
        return line.toString();
    }

    /**
     * A job running an existing script file as it is (fyrd's {@code submit_file}): executed
     * directly if it is executable (its {@code #!} line chooses the interpreter), else with bash.
     * The server must see the file at the same path (it does on one machine and on a cluster's
     * shared file system). Named after the file unless {@link #name} says otherwise. Directives in
     * the file (such as {@code #SBATCH}) are not read: give options here.
     *
     * @throws IllegalArgumentException if the file does not exist
     */
    public static JobRequest script(Path file, String... args) {
        nonNull(args, "argument %d of the script is null");
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalArgumentException("no script file " + absolute);
        }
        StringBuilder command = new StringBuilder(Files.isExecutable(absolute) ? "" : "bash ");
        command.append(ShellWords.word(absolute.toString()));
        for (String arg : args) {
            command.append(' ').append(ShellWords.word(arg));
        }
        String base = absolute.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "");
        JobRequest request = new JobRequest(command.toString());
        request.name = base.isEmpty() ? null : base.length() > 40 ? base.substring(0, 40) : base;
        return request;
    }

    /** A null among {@code values} is the caller's mistake: say which one, not a bare NullPointerException. */
    private static void nonNull(String[] values, String message) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(String.format(message, i + 1));
            }
        }
    }

    JobRequest client(Muster muster) {
        this.client = muster;
        return this;
    }

    /** The job's name: one token (letters, digits, {@code . _ -}); default the command's first word. */
    public JobRequest name(String name) {
        this.name = name;
        return this;
    }

    /** {@code auto} (the default: the server's cluster scheduler, else the local pool), {@code local}, {@code slurm}, … */
    public JobRequest backend(String backend) {
        this.backend = backend;
        return this;
    }

    /** A named profile of defaults on the server; explicit options win over it. */
    public JobRequest profile(String profile) {
        this.profile = profile;
        return this;
    }

    /** A key of yours: if a submission with this key reached the server before, you get that job, not a new one. */
    public JobRequest requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    /** Who submits, for queue views; default the user given to {@code connect}, else the local user name. */
    public JobRequest user(String user) {
        this.user = user;
        return this;
    }

    public JobRequest cores(int cores) {
        return option("cores", cores);
    }

    public JobRequest nodes(int nodes) {
        return option("nodes", nodes);
    }

    /** Memory: MB as a bare number, or with a unit: {@code "4GB"}, {@code "512MB"}. */
    public JobRequest mem(String mem) {
        return option("mem", mem);
    }

    /** Wall-clock limit: {@code S}, {@code M:S}, {@code H:M:S} or {@code D-H:M:S}. */
    public JobRequest time(String time) {
        return option("time", time);
    }

    public JobRequest time(Duration time) {
        return option("time", time.toSeconds());
    }

    public JobRequest partition(String partition) {
        return option("partition", partition);
    }

    /** The directory the command runs in. */
    public JobRequest runpath(String dir) {
        return option("runpath", dir);
    }

    /** Any catalogue option by name or synonym; the server checks it. */
    public JobRequest option(String keyword, Object value) {
        options.put(Objects.requireNonNull(keyword, "keyword"), value);
        return this;
    }

    /** Runs only after these jobs completed well (afterok); if one fails, this one ends DEPENDENCY_FAILED. */
    public JobRequest dependsOn(JobHandle... jobs) {
        for (JobHandle job : jobs) {
            depends.add(job.id());
        }
        return this;
    }

    /** As {@link #dependsOn(JobHandle...)}, by Muster job ids or, on a cluster, its own job ids ({@code afterany:ID} to start after it ended, however). */
    public JobRequest dependsOn(String... jobIds) {
        nonNull(jobIds, "dependency %d is null: give a job id");
        depends.addAll(List.of(jobIds));
        return this;
    }

    /** Submits through the client this request came from, else the client connected last. */
    public JobHandle submit() {
        return (client != null ? client : Muster.defaultClient()).submit(this);
    }

    public JobHandle submit(Muster muster) {
        return muster.submit(this);
    }

    /** Renders the job script and wrapper on the server without running anything; see {@link Muster#dryRun}. */
    public DryRun dryRun() {
        return (client != null ? client : Muster.defaultClient()).dryRun(this);
    }

    public String command() {
        return command;
    }

    public String name() {
        return name;
    }

    String requestId() {
        return requestId;
    }

    /** The submission message as the server reads it on {@code muster.submit}. */
    public String toJson() {
        return toJson(requestId, null).toString();
    }

    ObjectNode toJson(String key, String defaultUser) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (key != null) {
            body.put("requestId", key);
        }
        if (name != null) {
            body.put("name", name);
        }
        body.put("command", command);
        if (backend != null) {
            body.put("backend", backend);
        }
        if (profile != null) {
            body.put("profile", profile);
        }
        String who = user != null ? user : defaultUser;
        if (who != null) {
            body.put("user", who);
        }
        Map<String, Object> all = new LinkedHashMap<>(options);
        if (!depends.isEmpty()) {
            all.put("depends", List.copyOf(depends));
        }
        body.set("options", Json.MAPPER.valueToTree(all));
        return body;
    }
}
