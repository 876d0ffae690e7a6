package io.muster.options;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers for the plain value types of the catalogue: whole numbers, booleans, lists, tokens,
 * paths, start times, array ranges. Each returns the normalised value or throws
 * {@link IllegalArgumentException} with a message that says what is wrong (the caller names
 * the option and the value).
 */
public final class Values {

    /**
     * What a single token may hold. No white space, quotes, {@code ; $ `}, {@code &}, {@code #}
     * or other shell metacharacters: these values are written into script headers and
     * scheduler arguments, so a token can never start a new directive or a command.
     */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@%+,=/\\-\\[\\]]+");

    /** Slurm's and Torque's array ranges: {@code 1-10}, {@code 1,3,5}, {@code 0-20:2}, {@code 1-100%5}. */
    private static final Pattern ARRAY = Pattern.compile("\\d+(?:-\\d+(?::\\d+)?)?(?:,\\d+(?:-\\d+(?::\\d+)?)?)*(?:%\\d+)?");

    /** Slurm's largest MaxArraySize is 4000001: no index, step or limit past 4000000. */
    public static final long MAX_ARRAY_INDEX = 4_000_000;

    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");

    private Values() {
    }

    /** A whole number of at least 1: an integer, or a string of digits. Fractions are refused, not rounded. */
    public static int positiveInt(Object value) {
        long n;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            n = ((Number) value).longValue();
        } else if (value instanceof String s && DIGITS.matcher(s.trim()).matches()) {
            n = Long.parseLong(s.trim());
        } else {
            throw new IllegalArgumentException("must be a whole number of at least 1");
        }
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be a whole number from 1 to " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    /** true or false (a boolean, or those two words in any case); yes, no, 1 and 0 are refused. */
    public static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.trim());
        }
        throw new IllegalArgumentException("must be true or false");
    }

    /**
     * A single value becomes a one-element list; a string splits on commas and semicolons; the
     * order is kept and blank parts are dropped.
     */
    public static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                out.addAll(list(item));
            }
        } else if (value != null) {
            for (String part : value.toString().split("[,;]")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** One token, a leading '-' allowed (scheduler arguments). */
    private static String anyToken(Object value) {
        if (value instanceof Collection<?> || value instanceof java.util.Map<?, ?>) {
            throw new IllegalArgumentException("must be a single value, not a list");
        }
        String text = String.valueOf(value);
        requireToken(text);
        return text;
    }

    /** One token; see {@link #TOKEN}. A value may not start with '-'. */
    public static String token(Object value) {
        return notAnOption(anyToken(value));
    }

    /** No partition, account, name or feature starts with '-'; in "-q VALUE" forms it would read as an option. */
    private static String notAnOption(String text) {
        if (text.startsWith("-")) {
            throw new IllegalArgumentException("must not start with '-' (it would read as a scheduler option)");
        }
        return text;
    }

    /** What a plain name (a QoS, a node feature) may hold: no separator of any scheduler's lists. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    /**
     * A plain name, such as a QoS or a node feature: letters, digits and {@code _ . -}, not
     * starting with '-' or '.'. A {@code , = : & | [ ] *} would let one value add resources or
     * constraints where a scheduler reads it inside a list ({@code -l nodes=1:ppn=1:F,qos=Q} on
     * Torque, {@code --constraint=a&b} on Slurm).
     */
    public static String name(Object value) {
        String text = token(value);
        requireName(text);
        return text;
    }

    /** A list (see {@link #list}) whose every element is a plain name ({@link #name}). */
    public static List<String> names(Object value) {
        List<String> items = tokens(value);
        items.forEach(Values::requireName);
        return items;
    }

    private static void requireName(String text) {
        if (!NAME.matcher(text).matches()) {
            char bad = text.chars().filter(c -> !Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-')
                    .mapToObj(c -> (char) c).findFirst().orElse(text.charAt(0));
            throw new IllegalArgumentException("'" + text + "' must be a plain name, but contains '" + bad
                    + "' (allowed: letters, digits and _ . -, a letter, digit or _ first): a scheduler reads"
                    + " , = : & | as separators, which would add resources or constraints");
        }
    }

    /** A list (see {@link #list}) whose every element is a token. */
    public static List<String> tokens(Object value) {
        List<String> items = list(value);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("must name at least one value");
        }
        for (String item : items) {
            requireToken(item);
            notAnOption(item);
        }
        return items;
    }

    private static void requireToken(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (!TOKEN.matcher(text).matches()) {
            throw new IllegalArgumentException("must be a single token, but contains " + describeFirstBad(text)
                    + " (allowed: letters, digits and . _ : @ % + , = / - [ ])");
        }
    }

    private static String describeFirstBad(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!TOKEN.matcher(String.valueOf(c)).matches()) {
                return switch (c) {
                    case '\n' -> "a newline";
                    case '\r' -> "a carriage return";
                    case '\t' -> "a tab";
                    case ' ' -> "a space";
                    case '"', '\'' -> "a quote";
                    case '`' -> "a backtick";
                    default -> Character.isISOControl(c) ? String.format("control character U+%04X", (int) c)
                            : "'" + c + "'";
                };
            }
        }
        return "nothing wrong";
    }

    /**
     * A path for job files: a token (it reaches script headers) that, relative to {@code root}
     * or absolute, stays inside {@code root}. With no root only relative paths that do not climb
     * out ({@code ..}) are accepted.
     */
    public static String pathInside(Object value, Path root) {
        return pathInside(value, root, java.util.List.of());
    }

    /**
     * A path for job files, checked as the scheduler will open it: a relative path is resolved
     * against the job's own directory ({@code root/jobs/ID}, see {@link JobPaths}), links are
     * followed as far as they exist, and the real path must stay inside the real {@code root} and
     * outside every protected path (the database, the broker journal).
     */
    public static String pathInside(Object value, Path root, java.util.List<Path> protectedPaths) {
        String text = token(value);
        Matcher percent = Pattern.compile("%(.?)").matcher(text);
        while (percent.find()) {
            if (!List.of("j", "a", "%").contains(percent.group(1))) {
                throw new IllegalArgumentException("has '" + percent.group() + "', which Muster does not expand: use %j"
                        + " (the Muster job id), %a (the array index) or %% (a %)");
            }
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a path: " + e.getReason());
        }
        if (root == null) {
            if (path.isAbsolute() || path.normalize().startsWith("..")) {
                throw new IllegalArgumentException("must be a path inside the work root");
            }
            return text;
        }
        Path base = root.toAbsolutePath().normalize();
        Path real = JobPaths.real(JobPaths.resolve(base, path));
        Path realRoot = JobPaths.real(base);
        if (!real.startsWith(realRoot)) {
            throw new IllegalArgumentException("must stay inside the work root " + base
                    + (JobPaths.lexical(base, path).startsWith(base) ? " (through a link it leads to " + real + ")"
                    : ""));
        }
        for (Path kept : protectedPaths) {
            Path realKept = JobPaths.real(kept);
            if (real.startsWith(realKept)) {
                throw new IllegalArgumentException("must not reach " + kept + ", which Muster keeps for itself"
                        + " (the job database, the broker journal, the users file, the flows, Grid Engine's exit codes)");
            }
        }
        checkJobFile(real, realRoot, JobPaths.real(JobPaths.jobDirectory(base)));
        return text;
    }

    /**
     * A job file of the jobs' tree must be a file of the job's own directory that Muster does not
     * write itself: the scheduler would otherwise overwrite another job's script or exit code (a
     * job could fake another's result) or this job's own records.
     */
    private static void checkJobFile(Path real, Path realRoot, Path ownDir) {
        Path jobs = realRoot.resolve("jobs");
        if (java.nio.file.Files.isDirectory(real) || real.equals(ownDir) || jobs.startsWith(real)) {
            throw new IllegalArgumentException("is a directory; it must name a file");
        }
        if (!real.startsWith(jobs)) {
            return;
        }
        // a file right in the jobs directory (../shared.err) is no job's
        boolean inAJobsDirectory = real.getNameCount() > jobs.getNameCount() + 1;
        if (inAJobsDirectory && !real.startsWith(ownDir)) {
            throw new IllegalArgumentException("must not reach another job's directory (" + jobs + "/ID)");
        }
        if (real.getParent().equals(ownDir) && io.muster.job.JobFiles.isOwnName(real.getFileName().toString())) {
            throw new IllegalArgumentException("must not be " + real.getFileName() + ", which Muster writes itself"
                    + " in the job's directory (" + String.join(", ", io.muster.job.JobFiles.OWN_NAMES) + ")");
        }
    }

    /**
     * A start time, normalised: {@code YYYY-MM-DDTHH:MM:SS} for a date (with or without a time,
     * a space or a T between), {@code HH:MM:SS} for a time of day.
     */
    public static String begin(Object value) {
        if (!(value instanceof String raw) || raw.isBlank()) {
            throw new IllegalArgumentException("must be a date-time such as '2025-03-01T18:00' or a time of day such as '18:00'");
        }
        String text = raw.trim().replace(' ', 'T');
        try {
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(text).atStartOfDay().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            }
            if (text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
                return LocalDateTime.parse(text).withNano(0).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
            }
            if (text.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
                return LocalTime.parse(text).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("is not a real date or time: " + e.getMessage());
        }
        throw new IllegalArgumentException("must be a date-time such as '2025-03-01T18:00' or a time of day such as '18:00'");
    }

    /** An array range such as {@code 1-10}, {@code 1,3,5}, {@code 0-20:2} or {@code 1-100%5}. */
    public static String arrayRange(Object value) {
        String text = value instanceof Integer || value instanceof Long ? value.toString()
                : value instanceof String s ? s.trim() : null;
        if (text == null || !ARRAY.matcher(text).matches()) {
            throw new IllegalArgumentException("must be an array range such as '1-10', '1,3,5', '0-20:2' or '1-100%5'");
        }
        Matcher numbers = Pattern.compile("\\d+").matcher(text);
        while (numbers.find()) {
            if (numbers.group().length() > 7 || Long.parseLong(numbers.group()) > MAX_ARRAY_INDEX) {
                throw new IllegalArgumentException("has " + numbers.group() + ", past " + MAX_ARRAY_INDEX
                        + ", the largest array index or step a scheduler takes");
            }
        }
        Matcher ranges = Pattern.compile("(\\d+)-(\\d+)").matcher(text);
        while (ranges.find()) {
            if (Long.parseLong(ranges.group(1)) > Long.parseLong(ranges.group(2))) {
                throw new IllegalArgumentException("has a range that ends before it starts: " + ranges.group());
            }
        }
        Matcher steps = Pattern.compile(":(\\d+)").matcher(text);
        while (steps.find()) {
            if (Long.parseLong(steps.group(1)) == 0) {
                throw new IllegalArgumentException("has step 0; a step is 1 or more");
            }
        }
        Matcher limit = Pattern.compile("%(\\d+)$").matcher(text);
        if (limit.find() && Long.parseLong(limit.group(1)) == 0) {
            throw new IllegalArgumentException("has %0; at most N tasks at once needs N of 1 or more");
        }
        try {
            // what the job's script is later written from: a range it refuses is refused here
            io.muster.job.ArrayIndices.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a range the job's tasks can be made from: " + e.getMessage());
        }
        return text;
    }

    /**
     * Raw scheduler arguments: tokens, each an option (starting with {@code -}), so they can
     * neither add a directive nor pass a file as the script.
     */
    public static List<String> schedulerArguments(Object value) {
        // not split on commas like other lists: '--mail-type=END,FAIL' is one argument
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> given) {
            given.forEach(item -> items.add(anyToken(item)));
        } else {
            items.add(anyToken(value));
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("must name at least one argument");
        }
        for (String item : items) {
            if (!item.startsWith("-")) {
                throw new IllegalArgumentException("must be scheduler options, each starting with '-' (such as"
                        + " '--gres=gpu:1'), but '" + item + "' does not");
            }
        }
        return items;
    }
}
