package io.muster.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.options.Keywords;
import io.muster.options.Limits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of bad submissions for the fuzz suite: raw bytes, truncated and deeply
 * nested JSON, huge strings, wrong types, out-of-range numbers, header-breaking values in every
 * field, and every field's value at its limit and one past it. The same seed gives the same
 * messages. Commands stay harmless ({@code true}, {@code :}): accepted cases run on the local pool.
 */
final class BadSubmissions {

    /** What a case expects: refused for sure, or either answer (a value at its limit may pass). */
    enum Expect { REJECTED, EITHER }

    /** One message: a text body, or bytes sent as a BytesMessage. */
    record Case(String kind, String text, byte[] bytes, Expect expect) {
        boolean isBytes() {
            return bytes != null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOP_FIELDS = List.of("requestId", "name", "command", "backend", "profile",
            "options", "user");
    /** Values that would break a script header, climb out of a directory or change an identity. */
    static final List<String> HOSTILE = List.of("a\n#SBATCH --uid=0", "a\r\n#PBS -u root", "x;id", "$(id)", "`id`",
            "a b", "a\"b", "a'b", "a\tb", "a\u0000b", "../../../../etc/passwd", "--uid=0", "-u root", "#", "&", "|",
            "a>b", "\u202eevil", "\uD83D\uDE00", "");

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9._:@%+,=/\\-\\[\\]]+");

    private final Random random;
    private final String prefix;
    private int serial;

    BadSubmissions(long seed) {
        this.random = new Random(seed);
        this.prefix = "fuzz-" + Long.toHexString(seed) + "-";
    }

    /** {@code count} cases at least: every limit case once, then random ones of every other kind. */
    List<Case> cases(int count) {
        List<Case> out = new ArrayList<>(limitCases());
        while (out.size() < count) {
            out.add(randomCase());
        }
        Collections.shuffle(out, random);
        return out;
    }

    private String requestId() {
        return prefix + (serial++);
    }

    private ObjectNode base() {
        ObjectNode root = JSON.createObjectNode();
        root.put("requestId", requestId());
        root.put("command", "true");
        root.put("backend", "local");
        return root;
    }

    private static Case text(String kind, ObjectNode root, Expect expect) {
        return new Case(kind, root.toString(), null, expect);
    }

    /** Every option and text field at its limit (may pass) and one past it (must be refused). */
    List<Case> limitCases() {
        List<Case> out = new ArrayList<>();
        for (Map.Entry<String, Limits.Limit> e : Limits.options().entrySet()) {
            String option = e.getKey();
            Limits.Limit limit = e.getValue();
            for (int delta : new int[] {0, 1}) {
                Expect expect = delta == 0 ? Expect.EITHER : Expect.REJECTED;
                ObjectNode chars = base();
                chars.putObject("options").put(option, "a".repeat(limit.maxChars() + delta));
                out.add(text("limit chars " + option + (delta == 0 ? "" : "+1"), chars, expect));
                if (limit.isList()) {
                    ObjectNode items = base();
                    ArrayNode list = items.putObject("options").putArray(option);
                    for (int i = 0; i < limit.maxItems() + delta; i++) {
                        list.add(option.equals("extra") ? "--x" + i : "a" + i);
                    }
                    out.add(text("limit items " + option + (delta == 0 ? "" : "+1"), items, expect));
                }
            }
        }
        for (int delta : new int[] {0, 1}) {
            Expect expect = delta == 0 ? Expect.EITHER : Expect.REJECTED;
            ObjectNode id = base();
            id.put("requestId", (requestId() + "-").concat("r".repeat(Limits.REQUEST_ID_CHARS)).substring(0,
                    Limits.REQUEST_ID_CHARS + delta));
            out.add(text("limit requestId" + (delta == 0 ? "" : "+1"), id, expect));
            ObjectNode user = base();
            user.put("user", "u".repeat(Limits.USER_CHARS + delta));
            out.add(text("limit user" + (delta == 0 ? "" : "+1"), user, expect));
            ObjectNode name = base();
            name.put("name", "n".repeat(Limits.NAME_CHARS + delta));
            out.add(text("limit name" + (delta == 0 ? "" : "+1"), name, expect));
            ObjectNode profile = base();
            profile.put("profile", "p".repeat(Limits.PROFILE_CHARS + delta));
            out.add(text("limit profile" + (delta == 0 ? "" : "+1"), profile, Expect.REJECTED)); // no such profile
            ObjectNode command = base();
            command.put("command", ": " + "x".repeat(Limits.COMMAND_CHARS - 2 + delta));
            out.add(text("limit command" + (delta == 0 ? "" : "+1"), command, expect));
            ObjectNode entries = base();
            ObjectNode options = entries.putObject("options");
            for (int i = 0; i < Limits.OPTION_ENTRIES + delta; i++) {
                options.put("unknown" + i, 1);
            }
            out.add(text("limit option entries" + (delta == 0 ? "" : "+1"), entries, Expect.REJECTED));
        }
        ObjectNode body = base();
        body.put("name", "n".repeat(Limits.BODY_CHARS));
        out.add(text("limit body+1", body, Expect.REJECTED));
        return out;
    }

    private Case randomCase() {
        int pick = random.nextInt(100);
        if (pick < 10) {
            return bytes();
        }
        if (pick < 22) {
            return truncated();
        }
        if (pick < 28) {
            return deep();
        }
        if (pick < 29) {
            return huge();
        }
        if (pick < 52) {
            return wrongType();
        }
        if (pick < 64) {
            return outOfRange();
        }
        return hostileValue();
    }

    private Case bytes() {
        byte[] data = new byte[random.nextInt(2000)];
        random.nextBytes(data);
        if (random.nextBoolean() && data.length > 2) {
            data[0] = '{'; // looks like JSON for a byte
        }
        return new Case("bytes", null, data, Expect.REJECTED);
    }

    private Case truncated() {
        ObjectNode root = base();
        root.putObject("options").put("cores", 2).put("mem", "1GB").putArray("depends").add("x").add("y");
        String full = root.toString();
        int cut = 1 + random.nextInt(full.length() - 2);
        return new Case("truncated JSON", full.substring(0, cut), null, Expect.REJECTED);
    }

    private Case deep() {
        int depth = 50 + random.nextInt(3000);
        boolean arrays = random.nextBoolean();
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            nested.append(arrays ? "[" : "{\"a\":");
        }
        nested.append("1");
        for (int i = 0; i < depth; i++) {
            nested.append(arrays ? "]" : "}");
        }
        String option = randomOption();
        String where = random.nextBoolean() ? "{\"requestId\":\"" + requestId() + "\",\"command\":\"true\","
                + "\"options\":{\"" + option + "\":" + nested + "}}"
                : "{\"command\":" + nested + "}";
        return new Case("deep JSON", where, null, Expect.REJECTED);
    }

    private Case huge() {
        ObjectNode root = base();
        String field = random.nextBoolean() ? "name" : "requestId";
        root.put(field, "h".repeat(Limits.BODY_CHARS / 2 + random.nextInt(Limits.BODY_CHARS)));
        return text("huge string", root, Expect.REJECTED);
    }

    private Case wrongType() {
        ObjectNode root = base();
        boolean top = random.nextInt(3) == 0;
        String field = top ? TOP_FIELDS.get(random.nextInt(TOP_FIELDS.size())) : randomOption();
        ObjectNode target = top ? root : root.putObject("options");
        switch (random.nextInt(5)) {
            case 0 -> target.putObject(field).put("x", 1);
            case 1 -> target.putArray(field).addArray().add(1);
            case 2 -> target.put(field, random.nextBoolean() ? 3.5 : -7);
            case 3 -> target.put(field, random.nextBoolean());
            default -> target.putNull(field);
        }
        // a null or a plausible type may be fine (an option left out, cores: -7 is not): either answer
        return text("wrong type " + field, root, Expect.EITHER);
    }

    private Case outOfRange() {
        ObjectNode root = base();
        String option = List.of("cores", "nodes", "gpus", "mem", "time", "array", "begin").get(random.nextInt(7));
        String value = List.of("-1", "0", "2147483648", "99999999999999999999999", "1e999", "-0", "NaN",
                "9223372036854775808TB", "999999999-99:99:99", "1-99999999999999999999", "9999-99-99T99:99")
                .get(random.nextInt(11));
        ObjectNode options = root.putObject("options");
        if (random.nextBoolean() && value.matches("-?\\d+")) {
            options.put(option, new java.math.BigInteger(value));
        } else {
            options.put(option, value);
        }
        // 0 is a fine array index; everything else here is refused by every option it is given to
        return text("out of range " + option, root, option.equals("array") && value.matches("-?0") ? Expect.EITHER
                : Expect.REJECTED);
    }

    private Case hostileValue() {
        ObjectNode root = base();
        String value = HOSTILE.get(random.nextInt(HOSTILE.size()));
        int where = random.nextInt(10);
        String field;
        if (where == 0) {
            field = "backend";
            root.put(field, value);
        } else if (where == 1) {
            field = "profile";
            root.put(field, value);
        } else if (where == 2) {
            field = "name";
            root.put(field, value);
        } else {
            field = randomOption();
            root.putObject("options").put(field, value);
        }
        // a value that is no single token is refused in every field; one that is ('--uid=0',
        // '../../etc/passwd') may pass as a name or a local job's ignored option, and is then harmless
        return text("hostile " + field, root, passesAsTokens(field, value) ? Expect.EITHER : Expect.REJECTED);
    }

    /** Whether the value is one token, or for a list option a list of them ('x;id' is the modules, or the features, x and id). */
    private static boolean passesAsTokens(String field, String value) {
        boolean list = Keywords.find(field).map(k -> k.kind() == io.muster.options.Keyword.Kind.TOKEN_LIST
                || k.kind() == io.muster.options.Keyword.Kind.NAME_LIST).orElse(false);
        if (!list) {
            return TOKEN.matcher(value).matches();
        }
        List<String> parts = java.util.Arrays.stream(value.split("[,;]")).filter(p -> !p.isBlank()).map(String::trim)
                .toList();
        return !parts.isEmpty() && parts.stream().allMatch(p -> TOKEN.matcher(p).matches());
    }

    private String randomOption() {
        List<String> names = new ArrayList<>(Keywords.names());
        return names.get(random.nextInt(names.size()));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
