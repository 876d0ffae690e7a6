package io.muster.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The broker's users, as the file that {@code broker.users} names lists them: one
 * {@code name = password} or {@code name:role,role = password} a line; a line whose first
 * non-blank character is {@code #} is a comment, blank lines are skipped.
 *
 * <p>The line splits at its first {@code =}. The password is everything after it, trimmed, so it
 * may hold {@code =}, {@code #} and {@code :}. The roles, if any, are on the name side, after a
 * {@code :}: a name never holds one, so {@code alice:admin = pw} means one thing only. Role words
 * are those of {@link UserRole} ({@code submit}, {@code observe}, {@code admin}), separated by
 * commas; a line without roles gives {@link UserRole#DEFAULT}.
 *
 * <p>Checked as a whole when read: a bad line stops the start with
 * {@code FILE:LINE: reason} ({@link ConfigException}), never halfway through a broker start.
 *
 * @param file      where the users came from, for messages
 * @param passwords user name to password, in file order; {@link #toString()} shows the names only
 * @param roles     user name to the roles the user has, those the listed ones include added
 */
public record BrokerUsers(Path file, Map<String, String> passwords, Map<String, Set<UserRole>> roles) {

    /**
     * The login of Muster's own in-process clients (listeners, event publisher); its password is
     * made anew at each start and never written anywhere, so no listed user may take the name.
     */
    public static final String INTERNAL_USER = "muster-server";

    /** A name the broker, its logs and selectors all take as it is: no spaces, quotes or wildcards. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final String NAME_RULE = "letters, digits and . _ - @, starting with a letter or digit, at most 64";

    public BrokerUsers {
        passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
        Map<String, Set<UserRole>> complete = new LinkedHashMap<>();
        roles.forEach((name, listed) -> {
            Set<UserRole> all = EnumSet.noneOf(UserRole.class);
            listed.forEach(role -> all.addAll(role.withIncluded()));
            complete.put(name, Collections.unmodifiableSet(all));
        });
        roles = Collections.unmodifiableMap(complete);
    }

    /**
     * The roles of a user, those the listed ones include added ({@code admin} brings
     * {@code submit} and {@code observe}); empty for a name the file does not list.
     */
    public Set<UserRole> roles(String user) {
        return roles.getOrDefault(user, Set.of());
    }

    /**
     * Reads and checks the users file.
     *
     * @throws ConfigException naming the file and line of the first problem: a line without
     *                         {@code =}, an empty or unusual name, an empty password, a name listed
     *                         twice, the reserved {@value #INTERNAL_USER}, a {@code :} without
     *                         roles after it, an unknown role word, or no users at all
     */
    public static BrokerUsers read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "no such file (setting " + Settings.BROKER_USERS.id()
                    + " names it as the broker's users file)");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 0, "the broker's users file is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "cannot read the broker's users file: " + e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, Set<UserRole>> roles = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new ConfigException(file, lineNo, "expected 'name = password', found no '='");
            }
            String left = line.substring(0, eq);
            int colon = left.indexOf(':');
            String name = (colon < 0 ? left : left.substring(0, colon)).strip();
            String password = line.substring(eq + 1).strip();
            if (name.isEmpty()) {
                throw new ConfigException(file, lineNo, "the user name before '" + (colon < 0 ? "=" : ":")
                        + "' is empty");
            }
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(file, lineNo, "user name '" + name + "' is not a simple token: use "
                        + NAME_RULE);
            }
            if (name.equals(INTERNAL_USER)) {
                throw new ConfigException(file, lineNo, "user name '" + INTERNAL_USER + "' is Muster's own login;"
                        + " choose another");
            }
            if (password.isEmpty()) {
                throw new ConfigException(file, lineNo, "user '" + name + "' has an empty password");
            }
            Integer earlier = firstLine.putIfAbsent(name, lineNo);
            if (earlier != null) {
                throw new ConfigException(file, lineNo, "user '" + name + "' is listed twice (first on line "
                        + earlier + ")");
            }
            passwords.put(name, password);
            roles.put(name, colon < 0 ? EnumSet.of(UserRole.DEFAULT)
                    : parseRoles(file, lineNo, name, left.substring(colon + 1)));
        }
        if (passwords.isEmpty()) {
            throw new ConfigException(file, 0, "lists no users (write name = password lines, or unset "
                    + Settings.BROKER_USERS.id() + " to run without users)");
        }
        return new BrokerUsers(file, passwords, roles);
    }

    /** The comma list after a name's {@code :}: at least one word, each a known role. */
    private static Set<UserRole> parseRoles(Path file, int lineNo, String name, String list) {
        if (list.isBlank()) {
            throw new ConfigException(file, lineNo, "user '" + name + "' has ':' but no roles after it: write"
                    + " name:role,role = password with roles from " + UserRole.words() + ", or leave ':' out for "
                    + UserRole.DEFAULT.word());
        }
        Set<UserRole> roles = EnumSet.noneOf(UserRole.class);
        for (String part : list.split(",", -1)) {
            String word = part.strip();
            UserRole role = UserRole.of(word).orElseThrow(() -> new ConfigException(file, lineNo,
                    (word.isEmpty() ? "an empty role" : "unknown role '" + word + "'") + " for user '" + name
                            + "': the roles are " + UserRole.words()));
            roles.add(role);
        }
        return roles;
    }

    /**
     * A warning when the file's plain-text passwords are readable by anyone but its owner (group
     * or others may read or write it); empty when it is private or the file system has no POSIX
     * modes to tell.
     */
    public Optional<String> exposure() {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
        Set<PosixFilePermission> shared = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        if (mode.stream().noneMatch(shared::contains)) {
            return Optional.empty();
        }
        return Optional.of("the broker's users file " + file + " holds plain-text passwords but its mode is "
                + PosixFilePermissions.toString(mode) + ": make it readable by its owner only (chmod 600 " + file + ")");
    }

    /** The names and roles only: a record's own toString would print the passwords into any log. */
    @Override
    public String toString() {
        return "BrokerUsers[" + file + ": " + String.join(", ", passwords.keySet().stream()
                .map(name -> name + roles(name).stream().map(UserRole::word).toList()).toList()) + "]";
    }
}
