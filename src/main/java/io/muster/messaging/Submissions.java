package io.muster.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.muster.api.JobId;
import io.muster.api.Violation;
import io.muster.backends.Backends;
import io.muster.job.JobFiles;
import io.muster.job.JobRecord;
import io.muster.options.JobOptions;
import io.muster.options.JobPaths;
import io.muster.options.Limits;
import io.muster.options.OptionResolver;
import io.muster.options.Resolution;
import io.muster.scheduler.Scheduler;
import io.muster.scheduler.Schedulers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a submission body and decides: a job to store, or every reason it cannot be one.
 * No JMS here, so the rules can be tested without a broker.
 */
public final class Submissions {

    /** A default job name's length at most: what every scheduler accepts. */
    private static final int NAME_LIMIT = 40;

    /** How deep a submission's JSON may nest (a submission needs 3: body, options, a list). */
    static final int MAX_DEPTH = 16;

    /**
     * The reader of every request body. Refused by the parser, as "not JSON", before any code
     * walks it: deeper JSON, a key given twice (which of two commands would run?) and anything
     * after the object (a second object the first would hide).
     */
    public static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** The fields a submission may have: those of schema/submission.schema.json, where its shape is written. */
    static final Set<String> FIELDS = SchemaFields.of("/schema/submission.schema.json");
    /** Violations an answer lists at most. */
    static final int MAX_VIOLATIONS = 50;
    /** The backend names a submission may give: auto and the registry's. */
    private static final Set<String> BACKENDS = backends();

    private static Set<String> backends() {
        Set<String> names = new LinkedHashSet<>();
        names.add(Backends.AUTO);
        names.addAll(Backends.names());
        return java.util.Collections.unmodifiableSet(names);
    }

    /** Either {@code job} (accepted, not yet stored) or {@code violations}; {@code requestId} when readable. */
    public record Outcome(JobRecord job, String requestId, List<Violation> violations) {
        public boolean accepted() {
            return job != null;
        }
    }

    private final OptionResolver resolver;
    private final Schedulers schedulers;
    private final Path workRoot;
    private final java.util.function.Supplier<Set<String>> liveHosts;

    public Submissions(OptionResolver resolver, Schedulers schedulers, Path workRoot) {
        this(resolver, schedulers, workRoot, Set::of);
    }

    /**
     * @param liveHosts the {@code local.host} of every live server sharing this one's database:
     *                  the other hosts whose pool a submission may name ({@code local@HOST})
     */
    public Submissions(OptionResolver resolver, Schedulers schedulers, Path workRoot,
                       java.util.function.Supplier<Set<String>> liveHosts) {
        this.resolver = resolver;
        this.schedulers = schedulers;
        this.workRoot = workRoot;
        this.liveHosts = liveHosts;
    }

    /** A cluster's own job id: Slurm's 123 or 123_4, Torque's 123.server or 123[].server, Grid Engine's 123. */
    private static final java.util.regex.Pattern SCHEDULER_JOB_ID =
            java.util.regex.Pattern.compile("[0-9]+(?:_[0-9]+|\\[[0-9]*\\])?(?:\\.[A-Za-z0-9.-]+)?");

    /** The jobs of the store, by id, for checking dependencies; null when there is no store (then they are not checked there). */
    private java.util.function.Function<JobId, Optional<JobRecord>> knownJobs;

    /**
     * From now on, every {@code depends} entry must name a job of this store, on the backend the new
     * job runs on: an unknown id is refused at submission, never waited for nor treated as met.
     */
    public Submissions knowingJobs(java.util.function.Function<JobId, Optional<JobRecord>> lookup) {
        this.knownJobs = lookup;
        return this;
    }

    /**
     * What a job using each of these profiles, and nothing else, would be refused for, by this
     * server's rules (its work root and the paths it keeps for itself): empty when every profile is usable.
     */
    public List<Violation> profileProblems(io.muster.options.Profiles profiles, java.util.Collection<String> names) {
        List<Violation> out = new ArrayList<>();
        for (String name : names) {
            for (Violation v : resolver.resolve(Map.of(), name, profiles).violations()) {
                out.add(new Violation(v.option(), v.value(), "profile " + name + ": " + v.message()));
            }
        }
        return out;
    }

    /**
     * A request id is a key of its user's: when the job stored under it is another user's, the
     * submission is refused (without a word of that job), rather than answered with someone else's job.
     */
    public static Optional<Violation> keyTaken(JobRecord submitted, JobRecord stored) {
        if (stored.id().equals(submitted.id()) || java.util.Objects.equals(stored.user(), submitted.user())) {
            return Optional.empty();
        }
        return Optional.of(Violation.of("requestId", submitted.requestId(),
                "is taken by another user's submission; choose another requestId"));
    }

    /** Submissions from now on resolve over these profiles: a running server's profiles changed. */
    public void useProfiles(io.muster.options.Profiles profiles) {
        resolver.useProfiles(profiles);
    }

    /**
     * What is wrong with a body the parser refused, in the sender's terms: Jackson's own message
     * names its settings ({@code StreamReadConstraints}, {@code DeserializationFeature}), which
     * mean nothing to a client.
     */
    public static String notJson(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Trailing token")) {
            return "there is more after the JSON object; a message holds one object";
        }
        if (message.contains("nesting depth")) {
            return "it nests deeper than " + MAX_DEPTH + " levels";
        }
        if (message.startsWith("Duplicate field")) {
            return "field " + message.substring("Duplicate field ".length()) + " is given twice";
        }
        // "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
        for (String internal : List.of(": enable `", " (hint: ", "; (hint")) {
            int at = message.indexOf(internal);
            message = at < 0 ? message : message.substring(0, at);
        }
        // "exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)"
        return message.replaceAll(", from `[^`]*`\\)", ")");
    }

    public Outcome read(String body) {
        return read(body, null);
    }

    /**
     * @param login the user the broker authenticated for the sender (JMSXUserID), or null when
     *              the broker cannot tell (AMQP senders, no login): the job's user is then the
     *              body's {@code user}; otherwise it is the login, and a body naming someone else
     *              is refused
     */
    public Outcome read(String body, String login) {
        List<Violation> violations = new ArrayList<>();
        if (body != null && body.length() > Limits.BODY_CHARS) {
            return rejected(null, new Violation("body", abbreviate(body), "body is " + body.length()
                    + " characters long; a submission takes at most " + Limits.BODY_CHARS + " characters"));
        }
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return rejected(null, new Violation("body", abbreviate(body), "is not JSON: " + notJson(e)));
        }
        if (root == null || !root.isObject()) {
            return rejected(null, new Violation("body", abbreviate(body), "must be a JSON object"));
        }
        String requestId = text(root, "requestId", violations);
        if (requestId != null && requestId.length() > Limits.REQUEST_ID_CHARS) {
            Limits.checkField("requestId", requestId, Limits.REQUEST_ID_CHARS).ifPresent(violations::add);
            requestId = null; // not a key that could be stored, nor answered with
        } else if (requestId != null && requestId.isBlank()) {
            // "" would be one key shared by every sender that leaves it empty: the second would get the first's job
            violations.add(Violation.of("requestId", requestId, "must not be blank; leave requestId out for no key"));
            requestId = null;
        } else if (requestId != null && controlCharacter(requestId, false).isPresent()) {
            violations.add(Violation.of("requestId", requestId, "has control character "
                    + controlCharacter(requestId, false).get() + "; a key is printable text"));
            requestId = null;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                // escaped: a field name is the sender's text, and goes into the log line of the refusal
                violations.add(new Violation(field, root.get(field).toString(), "unknown field '"
                        + Violation.escape(field) + "'; a submission has "
                        + String.join(", ", FIELDS.stream().sorted().toList())));
            }
        }
        String command = text(root, "command", violations);
        boolean wrongKind = root.hasNonNull("command") && !root.get("command").isTextual();
        if ((command == null || command.isBlank()) && !wrongKind) {
            violations.add(new Violation("command", String.valueOf(command), "command is required"));
        } else if (command != null) {
            // bash drops a NUL of job.sh without a word, and a carriage return or escape is never what was meant
            controlCharacter(command, true).ifPresent(c -> violations.add(Violation.of("command", command,
                    "has control character " + c + "; a command may hold tabs and newlines, no other")));
        }
        Limits.checkField("command", command, Limits.COMMAND_CHARS).ifPresent(violations::add);
        String backend = text(root, "backend", violations);
        Optional<String> otherHost = schedulers.otherHostsPool(schedulers.resolve(backend));
        if (backend != null && !BACKENDS.contains(backend) && Schedulers.hostOfLocal(backend).isEmpty()) {
            violations.add(Violation.of("backend", backend, "must be one of " + String.join(", ", BACKENDS)
                    + ", or local@HOST for the local pool of the server on HOST"));
        } else if (otherHost.isPresent()) {
            Set<String> hosts = liveHosts.get();
            if (!hosts.contains(otherHost.get())) {
                violations.add(new Violation("backend", backend, "no Muster server runs on host " + otherHost.get()
                        + (hosts.isEmpty() ? "" : " (servers run on: " + String.join(", ", new java.util.TreeSet<>(hosts)) + ")")
                        + "; local@HOST names the local pool of a live server's local.host"));
            }
        }
        // an unknown profile is reported by the resolver, with the profiles it knows
        String profile = text(root, "profile", violations);
        if (profile != null && profile.length() > Limits.PROFILE_CHARS) {
            Limits.checkField("profile", profile, Limits.PROFILE_CHARS).ifPresent(violations::add);
            profile = null;
        }
        Map<String, Object> rawOptions = new LinkedHashMap<>();
        JsonNode options = root.get("options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                violations.add(new Violation("options", options.toString(), "options must be a JSON object"));
            } else if (options.size() > Limits.OPTION_ENTRIES) {
                violations.add(new Violation("options", abbreviate(options.toString()), "options has "
                        + options.size() + " entries; a submission takes at most " + Limits.OPTION_ENTRIES));
            } else {
                rawOptions.putAll(JSON.convertValue(options, Map.class));
            }
        }
        String user = text(root, "user", violations);
        Limits.checkField("user", user, Limits.USER_CHARS).ifPresent(violations::add);
        if (user != null) {
            String who = user;
            controlCharacter(who, false).ifPresent(c -> violations.add(Violation.of("user", who,
                    "has control character " + c + "; a user name is printable text")));
        }
        if (login != null && !login.isBlank()) {
            if (user != null && !user.equals(login)) {
                violations.add(new Violation("user", user, "user '" + user + "' is not the broker login '" + login
                        + "' this submission came with; leave user out, or connect as " + user));
            }
            user = login;
        }
        String name = text(root, "name", violations);
        if (name != null) {
            Optional<String> control = controlCharacter(name, false);
            if (control.isPresent()) {
                violations.add(Violation.of("name", name, "has control character " + control.get()
                        + "; a name is one token of letters, digits and . _ -"));
                name = null;
            } else {
                Object given = rawOptions.get("name");
                if (given != null && !given.equals(name)) {
                    violations.add(Violation.of("name", name, "is given twice, as '" + Violation.escape(name)
                            + "' and as option name '" + Violation.escape(String.valueOf(given))
                            + "'; give one name"));
                }
                rawOptions.put("name", name);
            }
        }
        Resolution resolution = resolver.resolve(rawOptions, profile);
        violations.addAll(resolution.violations());
        JobOptions resolved = resolution.options();
        if (resolution.accepted()) {
            // another host's pool is checked by this one's rules; that host's pool refuses what it cannot run
            Optional<Scheduler> scheduler = schedulers.find(otherHost.isPresent() ? Schedulers.LOCAL : backend);
            if (scheduler.isPresent()) {
                resolved = fitDefaults(scheduler.get(), resolved);
                violations.addAll(scheduler.get().check(resolved));
            }
            violations.addAll(checkDependencies(resolved.depends(),
                    otherHost.isPresent() ? backend : schedulers.resolve(backend)));
        }
        if (!violations.isEmpty()) {
            return new Outcome(null, requestId, atMost(violations));
        }
        JobId id = JobId.generate();
        Map<String, Object> normalised = new LinkedHashMap<>(resolved.normalised());
        Path jobDir = JobFiles.dirFor(workRoot, id);
        // a relative file is the job directory's, for every scheduler: written absolute, as it was checked
        for (String file : List.of("outfile", "errfile")) {
            normalised.computeIfPresent(file, (k, v) -> JobPaths.absolute(jobDir, v.toString()));
        }
        // the name field, else the name option (of the options or the profile), else the command's first word
        String jobName = resolved.name() != null ? resolved.name() : defaultName(command);
        JobRecord job = JobRecord.accepted(id, requestId, jobName, command, backend == null ? Schedulers.AUTO : backend,
                profile, normalised, jobDir, user);
        return new Outcome(job, requestId, List.of());
    }

    /**
     * What is wrong with a job's {@code depends}: an entry is {@code ID}, {@code afterok:ID} or
     * {@code afterany:ID} (one kind per job, as every backend takes one kind per list), and, with a
     * store, ID is a job Muster knows on the backend this job runs on ({@code runsOn}).
     */
    private List<Violation> checkDependencies(List<String> entries, String runsOn) {
        List<Violation> out = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String kind = colon < 0 ? "afterok" : entry.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            String id = colon < 0 ? entry : entry.substring(colon + 1);
            if (!kind.equals("afterok") && !kind.equals("afterany")) {
                out.add(Violation.of("depends", entry, "has an unknown kind '" + Violation.escape(kind)
                        + "'; an entry is ID, afterok:ID or afterany:ID"));
                continue;
            }
            if (id.isEmpty() || id.indexOf(':') >= 0) {
                out.add(Violation.of("depends", entry, "names no job id or several; an entry is ID, afterok:ID"
                        + " or afterany:ID, one id each"));
                continue;
            }
            kinds.add(kind);
            if (knownJobs == null) {
                continue;
            }
            boolean cluster = runsOn != null && !runsOn.equals("local") && Schedulers.hostOfLocal(runsOn).isEmpty();
            if (!JobId.looksLikeJobId(id) && cluster && SCHEDULER_JOB_ID.matcher(id).matches()) {
                continue; // the cluster's own id of a job (one submitted without Muster too): it decides, as fyrd let it
            }
            Optional<JobRecord> dependency = JobId.looksLikeJobId(id) ? knownJobs.apply(JobId.of(id)) : Optional.empty();
            if (dependency.isEmpty()) {
                out.add(Violation.of("depends", entry, "names no job Muster knows; a dependency is the id of a"
                        + " job submitted through Muster (muster queue --all lists them)"
                        + (cluster ? " or the " + runsOn + " id of a job in its queue" : "")));
                continue;
            }
            String depRunsOn = schedulers.resolve(dependency.get().backend());
            if (runsOn != null && depRunsOn != null && !runsOn.equals(depRunsOn)) {
                out.add(Violation.of("depends", entry, "is a job of backend " + depRunsOn + ", this job runs on "
                        + runsOn + "; a dependency must run on the same backend"));
            }
        }
        if (kinds.size() > 1) {
            out.add(Violation.of("depends", entries, "mixes afterok and afterany; give one kind per job"));
        }
        return out;
    }

    /**
     * A value the job has only from the DEFAULT profile (its mem of 4000 MB on a small machine's
     * local pool) is dropped when the backend cannot give it, rather than rejecting a job that
     * asked for nothing. Explicit and named-profile values are the user's, and stay violations.
     */
    private static JobOptions fitDefaults(Scheduler scheduler, JobOptions options) {
        JobOptions fitted = options;
        for (Violation v : scheduler.check(options)) {
            if (fitted.defaulted().contains(v.option())) {
                fitted = fitted.without(v.option());
            }
        }
        return fitted;
    }

    /** A name users recognise: the command's first word, cut to what every scheduler accepts. */
    static String defaultName(String command) {
        // a scan, not split and replaceAll: those copied the whole command (up to the size limit)
        // and compiled two patterns for every submission
        int n = command.length();
        int start = 0;
        while (start < n && command.charAt(start) <= ' ') {
            start++;
        }
        int end = start;
        while (end < n && " \t\n\u000B\f\r".indexOf(command.charAt(end)) < 0) {
            end++;
        }
        int from = Math.max(start, command.lastIndexOf('/', end - 1) + 1);
        StringBuilder base = new StringBuilder(Math.min(NAME_LIMIT, end - from));
        for (int i = from; i < end && base.length() < NAME_LIMIT; i++) {
            char c = command.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
                base.append(c);
            }
        }
        return base.length() == 0 ? "job" : base.toString();
    }


    /**
     * The first control character of a text, written as U+XXXX, if it has one; {@code lines} allows
     * tab and newline (a command's lines).
     */
    static Optional<String> controlCharacter(String text, boolean lines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(lines && (c == '\t' || c == '\n'))) {
                return Optional.of(String.format("U+%04X", (int) c));
            }
        }
        return Optional.empty();
    }

    private static String text(JsonNode root, String field, List<Violation> violations) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(field, node.toString(), field + " must be a string"));
            return null;
        }
        return node.asText();
    }

    /** Every violation up to {@link #MAX_VIOLATIONS}, then one saying how many more there were: a bounded answer. */
    static List<Violation> atMost(List<Violation> violations) {
        if (violations.size() <= MAX_VIOLATIONS) {
            return violations;
        }
        List<Violation> out = new ArrayList<>(violations.subList(0, MAX_VIOLATIONS));
        int more = violations.size() - MAX_VIOLATIONS;
        out.add(new Violation("body", "", "and " + more + " more violations (an answer lists at most "
                + MAX_VIOLATIONS + ")"));
        return out;
    }

    private static Outcome rejected(String requestId, Violation violation) {
        return new Outcome(null, requestId, List.of(violation));
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "null";
        }
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
